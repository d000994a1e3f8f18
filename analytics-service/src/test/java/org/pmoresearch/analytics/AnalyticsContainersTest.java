package org.pmoresearch.analytics;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/** A count round trip on real Kafka and MongoDB containers; skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "pmo.report-token.secret=containers-test-report-token-secret-0123456789")
@AutoConfigureMockMvc
class AnalyticsContainersTest {

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

    @Autowired
    private MockMvc mvc;

    // The binder's broker list is spelled from spring.kafka.bootstrap-servers in application.yml.
    @DynamicPropertySource
    static void kafkaBinder(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    }

    @Test
    void aSubmittedResponseIsCountedAndAWithdrawnOneIsNot() throws Exception {
        UUID kept = UUID.randomUUID();
        UUID withdrawn = UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            send(producer, kept, "SurveyResponseSubmitted",
                    TestEvents.submitted(kept, Map.of("risk-management", List.of("risk-register"))));
            send(producer, withdrawn, "SurveyResponseSubmitted",
                    TestEvents.submitted(withdrawn, Map.of("ppm-tools", List.of())));
            send(producer, withdrawn, "SurveyResponseWithdrawn", TestEvents.withdrawn(withdrawn));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> mvc.perform(get("/api/hotspots"))
                .andExpect(jsonPath("$.totalResponses").value(1))
                .andExpect(jsonPath("$.areas[0].id").value("risk-management"))
                .andExpect(jsonPath("$.areas[0].count").value(1)));
    }

    private static void send(KafkaProducer<String, byte[]> producer, UUID responseId, String eventType, Object event)
            throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SURVEY_RESPONSES, responseId.toString(),
                TestEvents.json(event));
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }
}
