package org.pmoresearch.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.store.AnalyticsStateStore;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The service as it ships, on a real Kafka broker (embedded KRaft) and a real MongoDB wire-protocol server,
 * shared by every integration test class: one Spring context, one broker, one store. The events every test
 * publishes go into one ground truth, and tests end by awaiting the public hotspots to equal it, so they
 * hold in any order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.bindings.responses-in-0.consumer.concurrency=2",
        "spring.cloud.stream.kafka.bindings.responses-in-0.consumer.configuration.max.poll.records=200",
        // A killed instance's partitions move on after the session timeout: keep it at the broker's minimum.
        "spring.cloud.stream.kafka.binder.consumer-properties.session.timeout.ms=6000",
        "spring.cloud.stream.kafka.binder.consumer-properties.heartbeat.interval.ms=1000",
        "pmo.analytics.catalogue-wait=2s",
        "pmo.analytics.live.heartbeat=1s",
        "pmo.analytics.lag-interval=1s",
        "pmo.cors.allowed-origins=" + AnalyticsIntegrationTest.SURVEY_ORIGIN,
        "pmo.report-token.secret=" + AnalyticsIntegrationTest.REPORT_TOKEN_SECRET})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = AnalyticsIntegrationTest.PARTITIONS,
        topics = {Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ, Topics.CATALOGUE},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public abstract class AnalyticsIntegrationTest {

    static final int PARTITIONS = 4;
    static final String BINDING = "responses-in-0";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "test-admin-password";
    static final String VIEWER = "viewer";
    static final String VIEWER_PASSWORD = "test-viewer-password";
    static final String REPORT_TOKEN_SECRET = "test-report-token-secret-of-at-least-32-chars";
    static final String SURVEY_ORIGIN = "http://localhost:8082";
    static final Duration COUNTING_TIMEOUT = Duration.ofSeconds(90);

    static final MongoTestServer MONGO = MongoTestServer.start();
    static final GroundTruth TRUTH = new GroundTruth();
    static final Random RANDOM = new Random(20260105);

    private static final BCryptPasswordEncoder FAST_BCRYPT = new BCryptPasswordEncoder(4);
    private static final List<UUID> SUBMITTED_IDS = new ArrayList<>();
    private static final Map<UUID, RecordMetadata> FIRST_RECORDS = new ConcurrentHashMap<>();
    private static KafkaProducer<String, byte[]> producer;
    private static int latestCatalogueVersion;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected BindingsLifecycleController bindings;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected StreamBridge streamBridge;
    @Autowired
    protected AnalyticsStateStore state;
    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", MONGO::uri);
        registry.add("pmo.admin.password-hash", () -> FAST_BCRYPT.encode(ADMIN_PASSWORD));
        // A list is bound from one property source only: the whole account goes here.
        registry.add("pmo.security.users[0].username", () -> VIEWER);
        registry.add("pmo.security.users[0].password-hash", () -> FAST_BCRYPT.encode(VIEWER_PASSWORD));
        registry.add("pmo.security.users[0].roles", () -> "VIEWER");
    }

    @BeforeEach
    void connectAndPublishTheCatalogues() throws Exception {
        synchronized (AnalyticsIntegrationTest.class) {
            if (producer != null) {
                return;
            }
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
            publishCatalogue(TestEvents.CATALOGUE_V1);
            // The second version as the catalogue service publishes it: JSON through StreamBridge.
            streamBridge.send(Topics.CATALOGUE, MessageBuilder.withPayload(TestEvents.CATALOGUE_V2)
                    .setHeader(KafkaHeaders.KEY, "2".getBytes(StandardCharsets.UTF_8))
                    .setHeader(KafkaHeaders.PARTITION, 0)
                    .setHeader(EventHeaders.EVENT_TYPE, "CataloguePublished")
                    .build());
            latestCatalogueVersion = 2;
        }
    }

    static void publishCatalogue(CataloguePublished catalogue) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CATALOGUE, 0,
                Integer.toString(catalogue.version()), TestEvents.json(catalogue));
        record.headers().add(EventHeaders.EVENT_TYPE, "CataloguePublished".getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        latestCatalogueVersion = Math.max(latestCatalogueVersion, catalogue.version());
    }

    static int latestCatalogueVersion() {
        return latestCatalogueVersion;
    }

    /** A submission with the default profile, to catalogue version 1. */
    static RecordMetadata publishSubmission(UUID responseId, Map<String, List<String>> selections) throws Exception {
        return publishSubmission(responseId, TestEvents.DEFAULT_PROFILE, selections, 1);
    }

    static RecordMetadata publishSubmission(UUID responseId, RespondentProfile profile,
            Map<String, List<String>> selections, int catalogueVersion) throws Exception {
        RecordMetadata metadata = send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, responseId.toString(),
                TestEvents.json(TestEvents.submitted(responseId, profile, selections, catalogueVersion))),
                "SurveyResponseSubmitted");
        recordSubmission(responseId, profile, selections, catalogueVersion, metadata);
        return metadata;
    }

    static void publishWithdrawal(UUID responseId) throws Exception {
        send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, responseId.toString(),
                TestEvents.json(TestEvents.withdrawn(responseId))), "SurveyResponseWithdrawn");
        TRUTH.withdrawn(responseId);
    }

    /**
     * {@code size} submissions with random profiles, about one in ten repeating an earlier responseId, and
     * about six withdrawals per hundred, sent without waiting for each acknowledgement.
     * @return how many new responseIds the chunk carried
     */
    static int publishChunk(int size) throws Exception {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Map<UUID, Future<RecordMetadata>> firstSends = new HashMap<>();
        for (int i = 0; i < size; i++) {
            boolean repeat = !SUBMITTED_IDS.isEmpty() && RANDOM.nextInt(10) == 0;
            UUID responseId = repeat ? SUBMITTED_IDS.get(RANDOM.nextInt(SUBMITTED_IDS.size())) : UUID.randomUUID();
            RespondentProfile profile = TestEvents.randomProfile(RANDOM);
            Map<String, List<String>> selections = TestEvents.randomSelections(RANDOM);
            Future<RecordMetadata> send = sendAsync(new ProducerRecord<>(Topics.SURVEY_RESPONSES, responseId.toString(),
                    TestEvents.json(TestEvents.submitted(responseId, profile, selections, 1))), "SurveyResponseSubmitted");
            TRUTH.submitted(responseId, profile, selections, 1);
            if (!repeat && !FIRST_RECORDS.containsKey(responseId)) {
                SUBMITTED_IDS.add(responseId);
                firstSends.put(responseId, send);
            }
            sends.add(send);
            if (RANDOM.nextInt(100) < 6) {
                UUID withdrawn = SUBMITTED_IDS.get(RANDOM.nextInt(SUBMITTED_IDS.size()));
                sends.add(sendAsync(new ProducerRecord<>(Topics.SURVEY_RESPONSES, withdrawn.toString(),
                        TestEvents.json(TestEvents.withdrawn(withdrawn))), "SurveyResponseWithdrawn"));
                TRUTH.withdrawn(withdrawn);
            }
        }
        producer.flush();
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
        for (Map.Entry<UUID, Future<RecordMetadata>> first : firstSends.entrySet()) {
            FIRST_RECORDS.putIfAbsent(first.getKey(), first.getValue().get());
        }
        return firstSends.size();
    }

    static RecordMetadata send(ProducerRecord<String, byte[]> record, String eventType)
            throws ExecutionException, InterruptedException {
        return sendAsync(record, eventType).get();
    }

    private static Future<RecordMetadata> sendAsync(ProducerRecord<String, byte[]> record, String eventType) {
        if (eventType != null) {
            record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(record);
    }

    private static void recordSubmission(UUID responseId, RespondentProfile profile,
            Map<String, List<String>> selections, int catalogueVersion, RecordMetadata metadata) {
        TRUTH.submitted(responseId, profile, selections, catalogueVersion);
        if (FIRST_RECORDS.putIfAbsent(responseId, metadata) == null) {
            SUBMITTED_IDS.add(responseId);
        }
    }

    static UUID anySubmittedId() {
        return SUBMITTED_IDS.get(RANDOM.nextInt(SUBMITTED_IDS.size()));
    }

    protected Generation activeGeneration() {
        return state.activeGeneration();
    }

    /** How many records the stored partition documents of the active generation say have been applied. */
    protected long appliedRecords() {
        return mongo.findAll(Document.class, activeGeneration().countsCollection()).stream()
                .mapToLong(document -> ((Number) document.get("lastOffset")).longValue() + 1)
                .sum();
    }

    protected void awaitProgress() {
        long applied = appliedRecords();
        await().atMost(COUNTING_TIMEOUT).until(() -> appliedRecords() > applied);
    }

    protected void awaitHotspotsMatchTheGroundTruth() {
        await().atMost(COUNTING_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertMatches(hotspots(), TRUTH.expected()));
    }

    /** The non-zero counts of a hotspots answer equal the expected ones. */
    protected static void assertMatches(JsonNode hotspots, GroundTruth.Expected expected) {
        assertThat(hotspots.get("totalResponses").asLong()).isEqualTo(expected.totalResponses());
        Map<String, Long> areas = new HashMap<>();
        Map<String, Long> tasks = new HashMap<>();
        hotspots.get("areas").forEach(area -> {
            if (area.get("count").asLong() != 0) {
                areas.put(area.get("id").asString(), area.get("count").asLong());
            }
            area.get("tasks").forEach(task -> {
                if (task.get("count").asLong() != 0) {
                    tasks.put(area.get("id").asString() + "/" + task.get("id").asString(), task.get("count").asLong());
                }
            });
        });
        assertThat(areas).isEqualTo(expected.areas());
        assertThat(tasks).isEqualTo(expected.tasks());
    }

    protected void assertEveryFactCarriesThePositionOfItsFirstRecord() {
        Map<String, Document> facts = new HashMap<>();
        mongo.findAll(Document.class, activeGeneration().factsCollection())
                .forEach(document -> facts.put(document.getString("_id"), document));
        FIRST_RECORDS.forEach((responseId, record) -> {
            Document fact = facts.get(responseId.toString());
            assertThat(fact).as("fact of %s", responseId).isNotNull();
            assertThat(fact.get("partition")).isEqualTo(record.partition());
            assertThat(((Number) fact.get("offset")).longValue()).isEqualTo(record.offset());
        });
    }

    protected JsonNode hotspots() throws Exception {
        return getJson(get("/api/hotspots"));
    }

    protected JsonNode getJson(MockHttpServletRequestBuilder request) throws Exception {
        String body = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return TestEvents.JSON.readTree(body);
    }

    protected static JsonNode area(JsonNode hotspots, String areaId) {
        for (JsonNode area : hotspots.get("areas")) {
            if (area.get("id").asString().equals(areaId)) {
                return area;
            }
        }
        throw new AssertionError("no area " + areaId + " in " + hotspots);
    }
}
