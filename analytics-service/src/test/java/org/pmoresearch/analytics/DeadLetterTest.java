package org.pmoresearch.analytics;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.Topics;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Records that cannot be counted: dead-lettered with their reason after bounded waiting, listed and replayed. */
@Order(5)
class DeadLetterTest extends AnalyticsIntegrationTest {

    private static final int LATE_VERSION = 7;
    private static final int EARLY_VERSION = 8;

    @Test
    void poisonRecordsGoToTheDlqWithTheirReasonAndTheirPartitionKeepsCounting() throws Exception {
        byte[] garbage = "\u0000not json at all".getBytes(StandardCharsets.UTF_8);
        RecordMetadata unparseable = send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 1, "poison-unparseable",
                garbage), "SurveyResponseSubmitted");
        UUID futureSchema = UUID.randomUUID();
        SurveyResponseSubmitted fromTheFuture = new SurveyResponseSubmitted(99, UUID.randomUUID(), futureSchema,
                Instant.now(), 1, null, Map.of("risk-management", List.of()), null);
        send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 1, futureSchema.toString(),
                TestEvents.json(fromTheFuture)), "SurveyResponseSubmitted");
        for (int i = 0; i < 5; i++) {
            UUID responseId = UUID.randomUUID();
            Map<String, List<String>> selections = TestEvents.randomSelections(RANDOM);
            send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 1, responseId.toString(),
                    TestEvents.json(TestEvents.submitted(responseId, selections))), "SurveyResponseSubmitted");
            TRUTH.submitted(responseId, TestEvents.DEFAULT_PROFILE, selections, 1);
        }

        ConsumerRecord<String, byte[]> unparseableLetter = awaitDeadLetter("poison-unparseable");
        assertThat(unparseableLetter.value()).isEqualTo(garbage);
        assertThat(header(unparseableLetter, EventHeaders.DLQ_REASON)).isEqualTo("unparseable");
        assertThat(header(unparseableLetter, EventHeaders.DLQ_ORIGIN))
                .isEqualTo(Topics.SURVEY_RESPONSES + "-1@" + unparseable.offset());
        assertThat(header(unparseableLetter, EventHeaders.DLQ_DETAIL)).isNotBlank();
        ConsumerRecord<String, byte[]> futureLetter = awaitDeadLetter(futureSchema.toString());
        assertThat(header(futureLetter, EventHeaders.DLQ_REASON)).isEqualTo("unsupported-schema-version");
        assertThat(header(futureLetter, EventHeaders.DLQ_DETAIL)).contains("99");
        awaitHotspotsMatchTheGroundTruth();
    }

    @Test
    void aResponseToAnUnseenCatalogueVersionIsDeadLetteredAfterWaitingAndCountedOnceReplayed() throws Exception {
        UUID late = UUID.randomUUID();
        RespondentProfile profile = TestEvents.randomProfile(RANDOM);
        Map<String, List<String>> selections = Map.of("ppm-tools", List.of("tool-administration"));
        double deadLetteredBefore = deadLettered("unknown-catalogue-version");
        Instant published = Instant.now();
        send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, late.toString(),
                TestEvents.json(TestEvents.submitted(late, profile, selections, LATE_VERSION))), "SurveyResponseSubmitted");

        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(late.toString());
        // It waited for the catalogue version (2 s in these tests) before giving up on it.
        assertThat(Duration.between(published, Instant.ofEpochMilli(letter.timestamp())))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(header(letter, EventHeaders.DLQ_REASON)).isEqualTo("unknown-catalogue-version");
        assertThat(header(letter, EventHeaders.EVENT_TYPE)).isEqualTo("SurveyResponseSubmitted");
        assertThat(deadLettered("unknown-catalogue-version")).isEqualTo(deadLetteredBefore + 1);
        JsonNode pending = getJson(get("/api/admin/dlq").param("limit", "1000").with(httpBasic(ADMIN, ADMIN_PASSWORD)));
        JsonNode listed = pendingRecord(pending, late.toString());
        assertThat(listed).as("DLQ listing %s", pending).isNotNull();
        assertThat(listed.get("reason").asString()).isEqualTo("unknown-catalogue-version");
        assertThat(listed.get("detail").asString()).contains("catalogueVersion " + LATE_VERSION);
        assertThat(listed.get("origin").asString()).startsWith(Topics.SURVEY_RESPONSES + "-");
        assertThat(listed.get("payload").asString()).contains(late.toString());
        assertThat(listed.get("timestamp").asString()).isNotBlank();
        assertThat(listed.get("partition").isInt()).isTrue();
        assertThat(listed.get("offset").isNumber()).isTrue();

        publishCatalogue(TestEvents.catalogueLike2(LATE_VERSION));
        await().atMost(COUNTING_TIMEOUT).untilAsserted(() -> mvc.perform(get("/api/hotspots")
                .param("catalogueVersion", Integer.toString(LATE_VERSION))).andExpect(status().isOk()));
        JsonNode replayed = getJson(post("/api/admin/dlq/replay").with(httpBasic(ADMIN, ADMIN_PASSWORD)), 202);
        TRUTH.submitted(late, profile, selections, LATE_VERSION);

        assertThat(replayed.get("replayed").asInt()).isGreaterThanOrEqualTo(1);
        awaitHotspotsMatchTheGroundTruth();
        assertThat(pendingRecord(getJson(get("/api/admin/dlq").param("limit", "1000")
                .with(httpBasic(ADMIN, ADMIN_PASSWORD))), late.toString())).isNull();
        List<ConsumerRecord<String, byte[]>> carried = recordsWithKey(Topics.SURVEY_RESPONSES, late.toString(), 2);
        assertThat(carried).hasSize(2);
        assertThat(header(carried.get(1), EventHeaders.EVENT_TYPE)).isEqualTo("SurveyResponseSubmitted");
        assertThat(header(carried.get(1), EventHeaders.DLQ_REASON)).isNull();
        assertThat(carried.get(1).value()).isEqualTo(carried.get(0).value());
    }

    @Test
    void aResponseWhoseCatalogueVersionArrivesWithinTheWaitIsCounted() throws Exception {
        double deadLetteredBefore = deadLettered("unknown-catalogue-version");
        publishSubmission(UUID.randomUUID(), TestEvents.randomProfile(RANDOM),
                Map.of("risk-management", List.of("risk-workshops")), EARLY_VERSION);
        publishCatalogue(TestEvents.catalogueLike2(EARLY_VERSION));

        awaitHotspotsMatchTheGroundTruth();
        assertThat(deadLettered("unknown-catalogue-version")).isEqualTo(deadLetteredBefore);
    }

    @Test
    void dlqEndpointsAreForAdminsOnly() throws Exception {
        mvc.perform(get("/api/admin/dlq")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/admin/dlq/replay").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/dlq").param("limit", "0").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isBadRequest());
    }

    private JsonNode getJson(MockHttpServletRequestBuilder request, int expectedStatus) throws Exception {
        String body = mvc.perform(request).andExpect(status().is(expectedStatus))
                .andReturn().getResponse().getContentAsString();
        return TestEvents.JSON.readTree(body);
    }

    private double deadLettered(String reason) {
        var counter = meters.find("pmo.events.dead-lettered").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode pendingRecord(JsonNode listing, String key) {
        for (JsonNode record : listing.get("records")) {
            if (key.equals(record.get("key").asString(null))) {
                return record;
            }
        }
        return null;
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        return recordsWithKey(Topics.SURVEY_RESPONSES_DLQ, key, 1).get(0);
    }

    /** Waits until the topic holds at least {@code atLeast} records with the key; returns them in order. */
    private List<ConsumerRecord<String, byte[]>> recordsWithKey(String topic, String key, int atLeast) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            await().atMost(COUNTING_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        received.add(record);
                    }
                });
                return received.size() >= atLeast;
            });
            return received;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
