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
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The service starts while Kafka is unreachable, then a real broker comes up on the configured address:
 * the version stored in the meantime must reach it through the retry, without a restart.
 */
@SpringBootTest(properties = {
        "pmo.catalogue.publish-retry-interval=1s",
        "spring.cloud.stream.binding-retry-interval=1"})
@AutoConfigureMockMvc
@Import(MongoJavaServerConfiguration.class)
class CatalogueBrokerOutageTest {

    private static final int BROKER_PORT = freePort();

    @DynamicPropertySource
    static void brokerAddressWithNothingListening(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + BROKER_PORT);
    }

    @Autowired
    CatalogueVersionStore store;
    @Autowired
    MeterRegistry meterRegistry;
    @Autowired
    MockMvc mvc;

    @Test
    void versionStoredWhileTheBrokerIsDownIsPublishedOnceTheBrokerIsUp() throws Exception {
        assertThat(store.findUnacknowledged()).extracting(CatalogueVersion::version).containsExactly(1);
        assertThat(meterRegistry.get("pmo.catalogue.publish.failures").counter().count()).isPositive();
        mvc.perform(get("/api/catalogue")).andExpect(status().isOk()).andExpect(jsonPath("$.version").value(1));

        EmbeddedKafkaKraftBroker broker = brokerOn(BROKER_PORT);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(store.findUnacknowledged()).extracting(CatalogueVersion::version).isEmpty());

            assertThat(keysOnTheCatalogueTopic(broker)).containsExactly("1");
            assertThat(meterRegistry.get("pmo.catalogue.published").counter().count()).isEqualTo(1.0);
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

    private static List<String> keysOnTheCatalogueTopic(EmbeddedKafkaKraftBroker broker) {
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
                return !keys.isEmpty();
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
