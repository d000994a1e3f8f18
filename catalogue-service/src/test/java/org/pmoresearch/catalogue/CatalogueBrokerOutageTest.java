package org.pmoresearch.catalogue;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The service starts while Kafka is unreachable and an organiser publishes a new version during the outage;
 * then a real broker comes up on the configured address: both versions stored in the meantime must reach it,
 * in order, through the retries that follow a failed attempt, without a restart. The periodic retry is set an hour
 * away, so it cannot be what publishes them. The application is closed afterwards rather than left in the context
 * cache retrying against the broker this test stopped.
 */
@SpringBootTest(properties = {
        "pmo.catalogue.publish-retry-interval=1h",
        "spring.cloud.stream.binding-retry-interval=1"})
@AutoConfigureMockMvc
@Import(MongoJavaServerConfiguration.class)
@DirtiesContext
class CatalogueBrokerOutageTest {

    private static final int BROKER_PORT = freePort();
    private static final String ADMIN_PASSWORD = "outage-password";

    /**
     * The binder's brokers are set as well: another test class's embedded broker may have left its address in the
     * spring.kafka.bootstrap-servers system property, which the binder's own context would otherwise prefer.
     */
    @DynamicPropertySource
    static void brokerAddressWithNothingListening(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + BROKER_PORT);
        registry.add("spring.cloud.stream.kafka.binder.brokers", () -> "localhost:" + BROKER_PORT);
        String hash = new BCryptPasswordEncoder(4).encode(ADMIN_PASSWORD);
        registry.add("pmo.admin.password-hash", () -> hash);
    }

    private static final RequestPostProcessor ADMIN = httpBasic("admin", ADMIN_PASSWORD);

    @Autowired
    CatalogueVersionStore store;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    MockMvc mvc;

    @Test
    void versionsStoredWhileTheBrokerIsDownArePublishedInOrderOnceTheBrokerIsUp() throws Exception {
        assertThat(store.findUnacknowledged()).extracting(CatalogueVersion::version).containsExactly(1);
        assertThat(meterRegistry.get("pmo.catalogue.publish.failures").counter().count()).isPositive();
        mvc.perform(get("/api/catalogue")).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));

        mvc.perform(post("/api/admin/catalogue/tasks/risk-workshops/retire").with(ADMIN)
                        .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk());
        mvc.perform(post("/api/admin/catalogue/publish").with(ADMIN)
                        .header(HttpHeaders.IF_MATCH, "\"2\"").contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(2));
        mvc.perform(get("/api/catalogue")).andExpect(jsonPath("$.version").value(2));
        assertThat(store.findUnacknowledged()).extracting(CatalogueVersion::version).containsExactly(1, 2);

        EmbeddedKafkaKraftBroker broker = brokerOn(BROKER_PORT);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(store.findUnacknowledged()).extracting(CatalogueVersion::version).isEmpty());

            assertThat(keysOnTheCatalogueTopic(broker, 2)).containsExactly("1", "2");
            assertThat(meterRegistry.get("pmo.catalogue.published").counter().count()).isEqualTo(2.0);
        } finally {
            broker.destroy();
        }
    }

    /** An embedded KRaft broker that also listens on a fixed port: the address the application was given. */
    private static EmbeddedKafkaKraftBroker brokerOn(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,HOST://localhost:" + port,
                "listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,HOST:PLAINTEXT"));
        broker.afterPropertiesSet();
        return broker;
    }

    private static List<String> keysOnTheCatalogueTopic(EmbeddedKafkaKraftBroker broker, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CATALOGUE));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(new String(record.key(), StandardCharsets.UTF_8));
                }
                return keys.size() >= expected;
            });
        }
        return keys;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
