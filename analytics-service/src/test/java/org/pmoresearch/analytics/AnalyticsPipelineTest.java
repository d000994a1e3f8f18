package org.pmoresearch.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.Topics;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The service as it ships, on a real Kafka broker (embedded KRaft) and a real MongoDB wire-protocol
 * server. Every test ends by awaiting the public hotspots to equal the ground truth of everything
 * published so far, so the tests hold in any order.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.bindings.responses-in-0.consumer.concurrency=2",
        "spring.cloud.stream.kafka.bindings.responses-in-0.consumer.configuration.max.poll.records=50"})
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = AnalyticsPipelineTest.PARTITIONS,
        topics = {Topics.SURVEY_RESPONSES, Topics.SURVEY_RESPONSES_DLQ, Topics.CATALOGUE},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsPipelineTest {

    static final int PARTITIONS = 3;
    private static final String BINDING = "responses-in-0";
    private static final String ADMIN_PASSWORD = "test-admin-password";
    private static final Duration COUNTING_TIMEOUT = Duration.ofSeconds(90);
    private static final MongoTestServer MONGO = MongoTestServer.start();

    @Autowired
    private MockMvc mvc;
    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private BindingsLifecycleController bindings;
    @Autowired
    private MongoTemplate mongo;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private StreamBridge streamBridge;

    private final GroundTruth truth = new GroundTruth();
    private final Random random = new Random(20260105);
    private final List<UUID> submittedIds = new ArrayList<>();
    private final Map<UUID, RecordMetadata> firstRecords = new HashMap<>();
    private KafkaProducer<String, byte[]> producer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", MONGO::uri);
        registry.add("pmo.admin.password-hash", () -> new BCryptPasswordEncoder(4).encode(ADMIN_PASSWORD));
    }

    @BeforeAll
    void publishCatalogues() throws Exception {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        ProducerRecord<String, byte[]> firstVersion = new ProducerRecord<>(Topics.CATALOGUE, 0, "1",
                TestEvents.json(TestEvents.CATALOGUE_V1));
        firstVersion.headers().add(EventHeaders.EVENT_TYPE, "CataloguePublished".getBytes(StandardCharsets.UTF_8));
        producer.send(firstVersion).get();
        // The second version as the catalogue service publishes it: JSON through StreamBridge.
        streamBridge.send(Topics.CATALOGUE, MessageBuilder.withPayload(TestEvents.CATALOGUE_V2)
                .setHeader(KafkaHeaders.KEY, "2".getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.PARTITION, 0)
                .setHeader(EventHeaders.EVENT_TYPE, "CataloguePublished")
                .build());
    }

    @AfterAll
    void closeClients() {
        producer.close();
        MONGO.close();
    }

    @Test
    void countsEveryResponseExactlyOnceAcrossConsumerRestarts() throws Exception {
        publishChunk();
        awaitProgress();
        bindings.stop(BINDING);
        publishChunk();
        bindings.start(BINDING);
        awaitProgress();
        bindings.stop(BINDING);
        publishChunk();
        bindings.start(BINDING);
        awaitProgress();
        bindings.stop(BINDING);
        publishChunk();
        bindings.start(BINDING);
        publishChunk();

        awaitHotspotsMatchTheGroundTruth();
        assertEveryFactCarriesThePositionOfItsFirstRecord();
    }

    @Test
    void deadLettersAPoisonRecordAndKeepsCountingItsPartition() throws Exception {
        byte[] garbage = "\u0000not json at all".getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.SURVEY_RESPONSES, 1, "poison-key", garbage);
        poison.headers().add(EventHeaders.EVENT_TYPE, "SurveyResponseSubmitted".getBytes(StandardCharsets.UTF_8));
        RecordMetadata poisonRecord = producer.send(poison).get();
        for (int i = 0; i < 5; i++) {
            UUID responseId = UUID.randomUUID();
            Map<String, List<String>> selections = TestEvents.randomSelections(random);
            send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 1, responseId.toString(),
                    TestEvents.json(TestEvents.submitted(responseId, selections))), "SurveyResponseSubmitted");
            truth.submitted(responseId, selections);
        }

        ConsumerRecord<String, byte[]> deadLetter = awaitDeadLetter("poison-key");

        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(headerValue(deadLetter, EventHeaders.DLQ_REASON)).isEqualTo("unparseable");
        assertThat(headerValue(deadLetter, EventHeaders.DLQ_ORIGIN))
                .isEqualTo(Topics.SURVEY_RESPONSES + "-1@" + poisonRecord.offset());
        assertThat(headerValue(deadLetter, EventHeaders.DLQ_DETAIL)).isNotBlank();
        awaitHotspotsMatchTheGroundTruth();
    }

    @Test
    void restartingTheConsumerAfterEverythingIsCountedChangesNoCount() throws Exception {
        publishChunk();
        awaitHotspotsMatchTheGroundTruth();
        double countedBefore = meters.counter("pmo.events.counted").count();
        double duplicatesBefore = meters.counter("pmo.events.duplicate").count();

        bindings.stop(BINDING);
        commitGroupOffsets(partition -> 0L);
        bindings.start(BINDING);
        UUID marker = UUID.randomUUID();
        publishSubmission(marker, TestEvents.randomSelections(random));

        awaitHotspotsMatchTheGroundTruth();
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(countedBefore + 1);
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(duplicatesBefore);
    }

    @Test
    void countsRecordsWhoseOffsetsKafkaCommittedButWhoseCountsWereNeverStored() throws Exception {
        bindings.stop(BINDING);
        publishChunk();
        Map<TopicPartition, Long> logEnd = logEndOffsets();
        commitGroupOffsets(logEnd::get);

        bindings.start(BINDING);

        awaitHotspotsMatchTheGroundTruth();
    }

    @Test
    void retriesAFailingBatchWithoutSkippingItsRecordsUntilTheStoreRecovers() throws Exception {
        UUID before = UUID.randomUUID();
        UUID failing = UUID.randomUUID();
        // A fact the service cannot read makes every attempt to apply the failing response throw.
        mongo.save(new Document("_id", failing.toString()).append("partition", "unreadable"), "response_facts");
        Map<String, List<String>> selections = TestEvents.randomSelections(random);
        send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 0, before.toString(),
                TestEvents.json(TestEvents.submitted(before, selections))), "SurveyResponseSubmitted");
        truth.submitted(before, selections);
        selections = TestEvents.randomSelections(random);
        RecordMetadata failingRecord = send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, 0, failing.toString(),
                TestEvents.json(TestEvents.submitted(failing, selections))), "SurveyResponseSubmitted");
        truth.submitted(failing, selections);

        await().atMost(COUNTING_TIMEOUT)
                .until(() -> mongo.findById(before.toString(), Document.class, "response_facts") != null);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> storedOffset(0) < failingRecord.offset());
        mongo.remove(new Document("_id", failing.toString()), "response_facts");

        awaitHotspotsMatchTheGroundTruth();
        assertThat(storedOffset(0)).isGreaterThanOrEqualTo(failingRecord.offset());
    }

    @Test
    void countsResponsesPublishedThroughStreamBridgeAsTheSurveyServiceDoes() {
        UUID withdrawnLater = UUID.randomUUID();
        for (UUID responseId : List.of(UUID.randomUUID(), withdrawnLater)) {
            Map<String, List<String>> selections = TestEvents.randomSelections(random);
            streamBridge.send(Topics.SURVEY_RESPONSES, MessageBuilder
                    .withPayload(TestEvents.submitted(responseId, selections))
                    .setHeader(KafkaHeaders.KEY, responseId.toString().getBytes(StandardCharsets.UTF_8))
                    .setHeader(EventHeaders.EVENT_TYPE, "SurveyResponseSubmitted")
                    .build());
            truth.submitted(responseId, selections);
        }
        streamBridge.send(Topics.SURVEY_RESPONSES, MessageBuilder
                .withPayload(TestEvents.withdrawn(withdrawnLater))
                .setHeader(KafkaHeaders.KEY, withdrawnLater.toString().getBytes(StandardCharsets.UTF_8))
                .setHeader(EventHeaders.EVENT_TYPE, "SurveyResponseWithdrawn")
                .build());
        truth.withdrawn(withdrawnLater);

        awaitHotspotsMatchTheGroundTruth();
        assertThat(mongo.findById(withdrawnLater.toString(), Document.class, "response_facts"))
                .containsEntry("withdrawn", true);
    }

    @Test
    void hotspotsListTheLatestCatalogueAndOlderIdsByCount() throws Exception {
        publishSubmission(UUID.randomUUID(), Map.of("legacy-assurance", List.of("legacy-audit")));
        awaitHotspotsMatchTheGroundTruth();
        await().atMost(COUNTING_TIMEOUT).until(() -> hotspots().get("catalogueVersion").asInt() == 2);

        JsonNode hotspots = hotspots();
        List<JsonNode> areas = new ArrayList<>();
        hotspots.get("areas").forEach(areas::add);
        assertThat(areas).extracting(area -> area.get("count").asLong())
                .isSortedAccordingTo((a, b) -> Long.compare(b, a));
        JsonNode tools = area(hotspots, "ppm-tools");
        assertThat(tools.get("name").asString()).isEqualTo("PPM tools");
        assertThat(tools.get("groupId").asString()).isEqualTo("centre-of-excellence");
        assertThat(tools.get("count").asLong()).isZero();
        assertThat(tools.get("percentage").asDouble()).isZero();
        assertThat(tools.get("tasks").get(0).get("id").asString()).isEqualTo("tool-administration");
        JsonNode legacy = area(hotspots, "legacy-assurance");
        assertThat(legacy.get("name").asString()).isEqualTo("legacy-assurance");
        assertThat(legacy.get("groupId").isNull()).isTrue();
        assertThat(legacy.get("tasks").get(0).get("name").asString()).isEqualTo("legacy-audit");
        long total = hotspots.get("totalResponses").asLong();
        JsonNode risk = area(hotspots, "risk-management");
        assertThat(risk.get("percentage").asDouble())
                .isEqualTo(Math.round(1000.0 * risk.get("count").asLong() / total) / 10.0);
    }

    @Test
    void publicEndpointsAreOpenAndAdminNeedsTheAdminCredential() throws Exception {
        mvc.perform(get("/api/hotspots")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("pmo_events_counted_total")))
                .andExpect(content().string(containsString(
                        "application=\"analytics-service\"")));

        mvc.perform(get("/api/admin/rebuild"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/admin/rebuild").with(httpBasic("admin", "wrong")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/admin/rebuild").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        mvc.perform(post("/api/hotspots")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/env").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
    }

    /** 100 submitted events (about 10 repeating an earlier responseId) and about 6 withdrawals. */
    private void publishChunk() throws Exception {
        for (int i = 0; i < 100; i++) {
            boolean repeat = !submittedIds.isEmpty() && random.nextInt(10) == 0;
            UUID responseId = repeat ? submittedIds.get(random.nextInt(submittedIds.size())) : UUID.randomUUID();
            publishSubmission(responseId, TestEvents.randomSelections(random));
            if (random.nextInt(100) < 6) {
                UUID withdrawn = submittedIds.get(random.nextInt(submittedIds.size()));
                send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, withdrawn.toString(),
                        TestEvents.json(TestEvents.withdrawn(withdrawn))), "SurveyResponseWithdrawn");
                truth.withdrawn(withdrawn);
            }
        }
    }

    private void publishSubmission(UUID responseId, Map<String, List<String>> selections) throws Exception {
        RecordMetadata metadata = send(new ProducerRecord<>(Topics.SURVEY_RESPONSES, responseId.toString(),
                TestEvents.json(TestEvents.submitted(responseId, selections))), "SurveyResponseSubmitted");
        truth.submitted(responseId, selections);
        if (firstRecords.putIfAbsent(responseId, metadata) == null) {
            submittedIds.add(responseId);
        }
    }

    private RecordMetadata send(ProducerRecord<String, byte[]> record, String eventType)
            throws ExecutionException, InterruptedException {
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        return producer.send(record).get();
    }

    private void awaitProgress() {
        long applied = appliedRecords();
        await().atMost(COUNTING_TIMEOUT).until(() -> appliedRecords() > applied);
    }

    /** How many records the stored partition documents say have been applied. */
    private long appliedRecords() {
        return mongo.findAll(Document.class, "partition_counts").stream()
                .mapToLong(document -> ((Number) document.get("lastOffset")).longValue() + 1)
                .sum();
    }

    private void awaitHotspotsMatchTheGroundTruth() {
        await().atMost(COUNTING_TIMEOUT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            GroundTruth.Expected expected = truth.expected();
            JsonNode hotspots = hotspots();
            assertThat(hotspots.get("totalResponses").asLong()).isEqualTo(expected.totalResponses());
            Map<String, Long> areas = new HashMap<>();
            Map<String, Long> tasks = new HashMap<>();
            hotspots.get("areas").forEach(area -> {
                if (area.get("count").asLong() != 0) {
                    areas.put(area.get("id").asString(), area.get("count").asLong());
                }
                area.get("tasks").forEach(task -> {
                    if (task.get("count").asLong() != 0) {
                        tasks.put(area.get("id").asString() + "/" + task.get("id").asString(),
                                task.get("count").asLong());
                    }
                });
            });
            assertThat(areas).isEqualTo(expected.areas());
            assertThat(tasks).isEqualTo(expected.tasks());
        });
    }

    private long storedOffset(int partition) {
        Document document = mongo.findById(Topics.SURVEY_RESPONSES + "-" + partition, Document.class,
                "partition_counts");
        return document == null ? -1 : ((Number) document.get("lastOffset")).longValue();
    }

    private void assertEveryFactCarriesThePositionOfItsFirstRecord() {
        Map<String, Document> facts = mongo.findAll(Document.class, "response_facts").stream()
                .collect(Collectors.toMap(document -> document.getString("_id"), document -> document));
        firstRecords.forEach((responseId, record) -> {
            Document fact = facts.get(responseId.toString());
            assertThat(fact).as("fact of %s", responseId).isNotNull();
            assertThat(fact.get("partition")).isEqualTo(record.partition());
            assertThat(((Number) fact.get("offset")).longValue()).isEqualTo(record.offset());
        });
    }

    private JsonNode hotspots() throws Exception {
        String body = mvc.perform(get("/api/hotspots"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return TestEvents.JSON.readTree(body);
    }

    private static JsonNode area(JsonNode hotspots, String areaId) {
        for (JsonNode area : hotspots.get("areas")) {
            if (area.get("id").asString().equals(areaId)) {
                return area;
            }
        }
        throw new AssertionError("no area " + areaId + " in " + hotspots);
    }

    private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(Topics.SURVEY_RESPONSES_DLQ));
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            await().atMost(COUNTING_TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return received.stream().anyMatch(record -> key.equals(record.key()));
            });
            return received.stream().filter(record -> key.equals(record.key())).findFirst().orElseThrow();
        }
    }

    private static String headerValue(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
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
