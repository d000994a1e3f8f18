package org.pmoresearch.survey;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.Topics;
import org.pmoresearch.survey.KafkaTestClients.ResponsesTopicReader;
import org.pmoresearch.survey.SurveyHttpClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The POST-to-record round trip against a real Apache Kafka container; skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "pmo.report-token.secret=container-test-report-token-secret-000")
class SurveyServiceContainerTest {

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The binder takes its brokers from spring.cloud.stream.kafka.binder.brokers, not from the connection details.
     * Set directly: inside the binder's child context a spring.kafka.bootstrap-servers system property, left by an
     * @EmbeddedKafka test earlier in this JVM, would outrank a dynamic spring.kafka.bootstrap-servers.
     */
    @DynamicPropertySource
    static void bootstrapServers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
        registry.add("spring.cloud.stream.kafka.binder.brokers", KAFKA::getBootstrapServers);
    }

    @BeforeAll
    static void topicsExistAsThePlatformCreatesThem() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.CATALOGUE, 1, (short) 1),
                    new NewTopic(Topics.SURVEY_RESPONSES, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        KafkaTestClients.send(KAFKA.getBootstrapServers(), Topics.CATALOGUE, "1",
                JSON.writeValueAsBytes(TestCatalogues.version(1)));
    }

    @LocalServerPort
    int port;

    @Test
    void anAcceptedResponseIsOnTheTopicKeyedByItsId() throws Exception {
        SurveyHttpClient api = new SurveyHttpClient(port);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/survey").status() == 200);
        String responseId = UUID.randomUUID().toString();

        try (ResponsesTopicReader responses = new ResponsesTopicReader(KAFKA.getBootstrapServers())) {
            Map<TopicPartition, Long> before = responses.endOffsets();

            Response response = api.submit(responseId, """
                    {"catalogueVersion": 1, "selections": {"risk-management": ["risk-register"]}}""");

            assertThat(response.status()).isEqualTo(202);
            List<ConsumerRecord<String, byte[]>> published = responses.recordsSince(before);
            assertThat(published).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(responseId);
                assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                        .isEqualTo("SurveyResponseSubmitted");
                assertThat(JSON.readValue(record.value(), SurveyResponseSubmitted.class).selections())
                        .containsExactlyEntriesOf(Map.of("risk-management", List.of("risk-register")));
            });
        }
    }
}
