package org.pmoresearch.analytics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.analytics.web.QrCodes;
import org.pmoresearch.contracts.Topics;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The counting pipeline of one instance: restarts, redelivery, store failures and how events arrive. */
@Order(1)
class AnalyticsPipelineTest extends AnalyticsIntegrationTest {

    @Test
    void countsEveryResponseExactlyOnceAcrossConsumerRestarts() throws Exception {
        publishChunk(100);
        awaitProgress();
        bindings.stop(BINDING);
        publishChunk(100);
        bindings.start(BINDING);
        awaitProgress();
        bindings.stop(BINDING);
        publishChunk(100);
        bindings.start(BINDING);
        awaitProgress();
        bindings.stop(BINDING);
        publishChunk(100);
        bindings.start(BINDING);
        publishChunk(100);

        awaitHotspotsMatchTheGroundTruth();
        assertEveryFactCarriesThePositionOfItsFirstRecord();
    }

    @Test
    void restartingTheConsumerAfterEverythingIsCountedChangesNoCount() throws Exception {
        publishChunk(100);
        awaitHotspotsMatchTheGroundTruth();
        double countedBefore = meters.counter("pmo.events.counted").count();
        double duplicatesBefore = meters.counter("pmo.events.duplicate").count();

        bindings.stop(BINDING);
        commitGroupOffsets(partition -> 0L);
        bindings.start(BINDING);
        publishSubmission(UUID.randomUUID(), TestEvents.randomSelections(RANDOM));

        awaitHotspotsMatchTheGroundTruth();
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(countedBefore + 1);
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(duplicatesBefore);
    }

    @Test
    void countsRecordsWhoseOffsetsKafkaCommittedButWhoseCountsWereNeverStored() throws Exception {
        bindings.stop(BINDING);
        publishChunk(100);
        Map<TopicPartition, Long> logEnd = logEndOffsets();
        commitGroupOffsets(logEnd::get);

        bindings.start(BINDING);

        awaitHotspotsMatchTheGroundTruth();
    }

    @Test
    void aResponseRepeatedWithinOneBatchAndOnAnotherPartitionIsCountedOnce() throws Exception {
        UUID responseId = UUID.randomUUID();
        Map<String, List<String>> selections = TestEvents.randomSelections(RANDOM);
        double countedBefore = meters.counter("pmo.events.counted").count();
        double duplicatesBefore = meters.counter("pmo.events.duplicate").count();
        bindings.stop(BINDING);
        // Published while nothing consumes, they arrive together: partition 0's two records in one batch, and
        // partition 1's copy in a batch that may be applied at the same time by the other consumer thread.
        for (int partition : new int[] {0, 0, 1}) {
            send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, partition, responseId.toString(),
                    TestEvents.json(TestEvents.submitted(responseId, selections))), "SurveyResponseSubmitted");
        }
        TRUTH.submitted(responseId, TestEvents.DEFAULT_PROFILE, selections, 1);

        bindings.start(BINDING);

        awaitHotspotsMatchTheGroundTruth();
        await().atMost(COUNTING_TIMEOUT).untilAsserted(() -> {
            assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(countedBefore + 1);
            assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(duplicatesBefore + 2);
        });
        assertThat(mongo.findById(responseId.toString(), Document.class, activeGeneration().factsCollection()))
                .extracting(fact -> fact.get("partition")).isIn(0, 1);
    }

    @Test
    void retriesAFailingBatchWithoutSkippingItsRecordsUntilTheStoreRecovers() throws Exception {
        UUID before = UUID.randomUUID();
        UUID failing = UUID.randomUUID();
        String facts = activeGeneration().factsCollection();
        // A fact the service cannot read makes every attempt to apply the failing response throw.
        mongo.save(new Document("_id", failing.toString()).append("partition", "unreadable"), facts);
        Map<String, List<String>> selections = TestEvents.randomSelections(RANDOM);
        send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 0, before.toString(),
                TestEvents.json(TestEvents.submitted(before, selections))), "SurveyResponseSubmitted");
        TRUTH.submitted(before, TestEvents.DEFAULT_PROFILE, selections, 1);
        selections = TestEvents.randomSelections(RANDOM);
        RecordMetadata failingRecord = send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 0, failing.toString(),
                TestEvents.json(TestEvents.submitted(failing, selections))), "SurveyResponseSubmitted");
        TRUTH.submitted(failing, TestEvents.DEFAULT_PROFILE, selections, 1);

        await().atMost(COUNTING_TIMEOUT).until(() -> mongo.findById(before.toString(), Document.class, facts) != null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> storedOffset(0) < failingRecord.offset());
        mongo.remove(new Document("_id", failing.toString()), facts);

        awaitHotspotsMatchTheGroundTruth();
        assertThat(storedOffset(0)).isGreaterThanOrEqualTo(failingRecord.offset());
    }

    @Test
    void countsResponsesPublishedThroughStreamBridgeAsTheSurveyServiceDoes() {
        UUID withdrawnLater = UUID.randomUUID();
        for (UUID responseId : List.of(UUID.randomUUID(), withdrawnLater)) {
            Map<String, List<String>> selections = TestEvents.randomSelections(RANDOM);
            streamBridge.send(Topics.SURVEY_RESPONSES, MessageBuilder
                    .withPayload(TestEvents.submitted(responseId, selections))
                    .setHeader(KafkaHeaders.KEY, responseId.toString().getBytes(StandardCharsets.UTF_8))
                    .setHeader(EventHeaders.EVENT_TYPE, "SurveyResponseSubmitted")
                    .build());
            TRUTH.submitted(responseId, TestEvents.DEFAULT_PROFILE, selections, 1);
        }
        streamBridge.send(Topics.SURVEY_RESPONSES, MessageBuilder
                .withPayload(TestEvents.withdrawn(withdrawnLater))
                .setHeader(KafkaHeaders.KEY, withdrawnLater.toString().getBytes(StandardCharsets.UTF_8))
                .setHeader(EventHeaders.EVENT_TYPE, "SurveyResponseWithdrawn")
                .build());
        TRUTH.withdrawn(withdrawnLater);

        awaitHotspotsMatchTheGroundTruth();
        assertThat(mongo.findById(withdrawnLater.toString(), Document.class, activeGeneration().factsCollection()))
                .containsEntry("withdrawn", true);
    }

    @Test
    void hotspotsListTheLatestCatalogueAndOlderIdsByCount() throws Exception {
        publishSubmission(UUID.randomUUID(), Map.of("legacy-assurance", List.of("legacy-audit")));
        awaitHotspotsMatchTheGroundTruth();
        await().atMost(COUNTING_TIMEOUT)
                .until(() -> hotspots().get("catalogueVersion").asInt() == latestCatalogueVersion());

        JsonNode hotspots = hotspots();
        List<JsonNode> areas = new ArrayList<>();
        hotspots.get("areas").forEach(areas::add);
        assertThat(areas).extracting(area -> area.get("count").asLong())
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(areas).extracting(area -> area.get("rank").asInt()).isSorted();
        // Only in the latest catalogue, so listed whether or not anyone selected it.
        JsonNode tools = area(hotspots, "ppm-tools");
        assertThat(tools.get("name").asString()).isEqualTo("PPM tools");
        assertThat(tools.get("groupId").asString()).isEqualTo("centre-of-excellence");
        assertThat(tools.get("count").asLong()).isEqualTo(TRUTH.expected().areas().getOrDefault("ppm-tools", 0L));
        assertThat(tools.get("tasks").get(0).get("id").asString()).isEqualTo("tool-administration");
        JsonNode least = areas.get(areas.size() - 1);
        assertThat(least.get("band").asString()).isEqualTo(least.get("percentage").asDouble() < 40 ? "niche" : "common");
        // Not in the latest catalogue: named after the older version that has it, in no group.
        JsonNode legacy = area(hotspots, "legacy-assurance");
        assertThat(legacy.get("name").asString()).isEqualTo("Legacy assurance");
        assertThat(legacy.get("groupId").isNull()).isTrue();
        assertThat(legacy.get("tasks").get(0).get("name").asString()).isEqualTo("Legacy audit");
        long total = hotspots.get("totalResponses").asLong();
        JsonNode risk = area(hotspots, "risk-management");
        assertThat(risk.get("percentage").asDouble())
                .isEqualTo(Math.round(1000.0 * risk.get("count").asLong() / total) / 10.0);
        assertThat(hotspots.get("filter").isNull()).isTrue();
        assertThat(hotspots.get("suppressed").asBoolean()).isFalse();
        assertThat(hotspots.get("minCellSize").asInt()).isEqualTo(5);
    }

    @Test
    void theDashboardShowsARoomTheSurveyAsAQrCodeOfItsOwnOrigin() throws Exception {
        mvc.perform(get("/dashboard/config.json").with(origin("https", "pmo.example.org", 8443)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.join.url").value("https://pmo.example.org:8443/survey/"))
                .andExpect(jsonPath("$.join.qrCode").value("/dashboard/survey-qr.svg"));

        MockHttpServletResponse image = mvc.perform(get("/dashboard/survey-qr.svg")
                        .with(origin("https", "pmo.example.org", 8443)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andExpect(header().string("Cache-Control", "max-age=300"))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")))
                .andReturn().getResponse();
        assertThat(QrCodes.textOfSvg(image.getContentAsString())).isEqualTo("https://pmo.example.org:8443/survey/");

        mvc.perform(get("/dashboard/survey-qr.svg").with(origin("http", "localhost", 80)))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(QrCodes.textOfSvg(result.getResponse().getContentAsString()))
                        .isEqualTo("http://localhost/survey/"));

        mvc.perform(get("/dashboard/survey-qr.svg").with(origin("https", "a".repeat(3_000) + ".example.org", 443)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(containsString("url-too-long-for-qr-code")))
                .andExpect(jsonPath("$.detail").value(containsString("PMO_PUBLIC_SURVEY_URL")));
    }

    @Test
    void behindAFrontDoorOnAPrivateAddressTheSurveyAddressIsTheOneTheBrowserUsed() throws Exception {
        HttpResponse<String> config = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/dashboard/config.json"))
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "pmo.example.org")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(TestEvents.JSON.readTree(config.body()).get("join").get("url").asString())
                .isEqualTo("https://pmo.example.org/survey/");
    }

    private static RequestPostProcessor origin(String scheme, String host, int port) {
        return request -> {
            request.setScheme(scheme);
            request.setServerName(host);
            request.setServerPort(port);
            return request;
        };
    }

    @Test
    void aHeadRequestIsAnsweredAsAGetWouldBe() throws Exception {
        mvc.perform(head("/api/hotspots"))
                .andExpect(status().isOk())
                .andExpect(header().exists("ETag"));
        mvc.perform(head("/dashboard")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/dashboard/"));
        mvc.perform(head("/dashboard/survey-qr.svg")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"));
        mvc.perform(head("/actuator/health")).andExpect(status().isOk());
        mvc.perform(head("/api/admin/rebuild")).andExpect(status().isUnauthorized());
    }

    @Test
    void publicEndpointsAreOpenAndAdminNeedsTheAdminCredential() throws Exception {
        mvc.perform(get("/api/hotspots")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/dashboard")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/dashboard/"));
        mvc.perform(get("/dashboard/")).andExpect(status().isOk())
                .andExpect(forwardedUrl("/dashboard/index.html"));
        mvc.perform(get("/dashboard/index.html")).andExpect(status().isOk())
                .andExpect(header().exists("Content-Security-Policy"))
                .andExpect(content().string(containsString("/webjars/chart.js/dist/chart.umd.js")));
        mvc.perform(get("/dashboard/config.json")).andExpect(status().isOk())
                .andExpect(jsonPath("$.minCellSize").value(5))
                .andExpect(jsonPath("$.dimensions[0].id").value("pmoType"))
                .andExpect(jsonPath("$.links.survey").value("/survey/"));
        mvc.perform(get("/webjars/chart.js/dist/chart.umd.js")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/api/hotspots/segments/{dimension}")));
        await().atMost(COUNTING_TIMEOUT).untilAsserted(() -> mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("pmo_events_counted_total")))
                .andExpect(content().string(containsString("pmo_consumer_lag{")))
                .andExpect(content().string(containsString("pmo_dashboard_clients")))
                .andExpect(content().string(containsString("pmo_counts_write_seconds")))
                .andExpect(content().string(containsString("pmo_pipeline_latency_seconds")))
                .andExpect(content().string(containsString("kafka_consumer_")))
                .andExpect(content().string(not(containsString("spring_cloud_stream_binder_kafka_offset"))))
                .andExpect(content().string(containsString("application=\"analytics-service\""))));

        mvc.perform(get("/api/admin/rebuild"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/admin/rebuild").with(httpBasic(ADMIN, "wrong")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/admin/rebuild").with(httpBasic(VIEWER, VIEWER_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/admin/rebuild").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").exists());

        mvc.perform(post("/api/hotspots")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").with(httpBasic(ADMIN, ADMIN_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
    }

    private long storedOffset(int partition) {
        Document document = mongo.findById(Topics.SURVEY_RESPONSES + "-" + partition, Document.class,
                activeGeneration().countsCollection());
        return document == null ? -1 : ((Number) document.get("lastOffset")).longValue();
    }

    private Map<TopicPartition, Long> logEndOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = responsePartitions().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        }
    }

    /** Overwrites the consumer group's committed offsets, once the stopped binding has left the group. */
    private void commitGroupOffsets(Function<TopicPartition, Long> offset) {
        Map<TopicPartition, OffsetAndMetadata> offsets = responsePartitions().stream()
                .collect(Collectors.toMap(partition -> partition,
                        partition -> new OffsetAndMetadata(offset.apply(partition))));
        try (Admin admin = admin()) {
            await().atMost(COUNTING_TIMEOUT).ignoreExceptions()
                    .until(() -> admin.alterConsumerGroupOffsets("analytics", offsets).all().get() == null);
        }
    }

    private static List<TopicPartition> responsePartitions() {
        return IntStream.range(0, PARTITIONS)
                .mapToObj(partition -> new TopicPartition(Topics.SURVEY_RESPONSES, partition))
                .toList();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }
}
