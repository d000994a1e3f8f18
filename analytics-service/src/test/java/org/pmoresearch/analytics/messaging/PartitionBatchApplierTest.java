package org.pmoresearch.analytics.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.pmoresearch.analytics.store.ResponseFacts;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.pmoresearch.analytics.TestEvents.json;
import static org.pmoresearch.analytics.TestEvents.submitted;
import static org.pmoresearch.analytics.TestEvents.withdrawn;

/**
 * One partition's share of a batch, applied against a real MongoDB wire-protocol server. The DLQ's
 * StreamBridge is the only stand-in: publishing to Kafka is covered by the integration tests.
 */
class PartitionBatchApplierTest {

    private static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String TOPIC = "pmo.survey-responses.v1";
    private static final int PARTITION = 0;
    private static final Generation LIVE = Generation.FIRST;
    private static final String DOCUMENT_ID = TOPIC + "-" + PARTITION;
    private static final Map<String, List<String>> RISK = Map.of("risk-management", List.of("risk-register"));
    private static final Map<String, List<String>> TOOLS = Map.of("ppm-tools", List.of());
    private static final int UNPUBLISHED_VERSION = 9;

    private final MongoTemplate mongo = MONGO.template();
    private final PartitionCountsStore partitions = new PartitionCountsStore(mongo);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final StreamBridge streamBridge = mock(StreamBridge.class);
    private final CatalogueVersions catalogues = new CatalogueVersions();
    private final PartitionBatchApplier applier = applier();

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @BeforeEach
    void emptyStore() {
        mongo.getDb().drop();
        catalogues.add(TestEvents.CATALOGUE_V1);
        when(streamBridge.send(eq(DeadLetterPublisher.BINDING), any())).thenReturn(true);
    }

    @Test
    void appliesTheRecordsInOrderAndStoresTheCountsWithTheLastOffset() {
        boolean stored = apply(List.of(
                submittedRecord(0, first, RISK),
                submittedRecord(1, second, TOOLS),
                submittedRecord(2, first, TOOLS),
                withdrawnRecord(3, second)));

        assertThat(stored).isTrue();
        SelectionCounts counts = partitions.load(LIVE, TOPIC, PARTITION).counts().all();
        assertThat(counts.totalResponses()).isEqualTo(1);
        assertThat(counts.taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(counts.areaCount("ppm-tools")).isZero();
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().segment("pmoType", "enterprise").totalResponses())
                .isEqualTo(1);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(3);
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(1);
        assertThat(meters.counter("pmo.events.withdrawn").count()).isEqualTo(1);
        assertThat(meters.timer("pmo.pipeline.latency").count()).isEqualTo(2);
        assertThat(meters.timer("pmo.counts.write").count()).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        List<ResponseRecord> batch = List.of(submittedRecord(0, first, RISK), submittedRecord(1, second, TOOLS));
        apply(batch);

        apply(batch);

        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.duplicate").count()).isZero();
    }

    @Test
    void aCrashBeforeTheCountsWriteIsRepairedByReplayingTheBatch() {
        apply(List.of(submittedRecord(0, first, RISK)));
        Document storedBeforeTheCrash = mongo.findById(DOCUMENT_ID, Document.class, LIVE.countsCollection());
        List<ResponseRecord> crashedBatch = List.of(
                submittedRecord(1, second, TOOLS),
                submittedRecord(2, second, RISK),
                withdrawnRecord(3, first));
        apply(crashedBatch);
        PartitionCounts expected = partitions.load(LIVE, TOPIC, PARTITION);
        // The facts of the crashed batch were written, its counts were not.
        mongo.save(storedBeforeTheCrash, LIVE.countsCollection());

        apply(crashedBatch);

        PartitionCounts replayed = partitions.load(LIVE, TOPIC, PARTITION);
        assertThat(replayed.counts().all().totalResponses()).isEqualTo(expected.counts().all().totalResponses())
                .isEqualTo(1);
        assertThat(replayed.counts().all().areas()).isEqualTo(expected.counts().all().areas());
        assertThat(replayed.counts().segments()).isEqualTo(expected.counts().segments());
        assertThat(replayed.counts().all().areaCount("ppm-tools")).isEqualTo(1);
        assertThat(replayed.counts().all().areaCount("risk-management")).isZero();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        ResponseRecord poison = new ResponseRecord(TOPIC, PARTITION, 1, key(second), ResponseParser.SUBMITTED, garbage);

        apply(List.of(submittedRecord(0, first, RISK), poison, submittedRecord(2, second, TOOLS)));

        Message<byte[]> deadLetter = capturedDeadLetter();
        assertThat(deadLetter.getPayload()).isEqualTo(garbage);
        assertThat(deadLetter.getHeaders())
                .containsEntry(EventHeaders.DLQ_REASON, "unparseable")
                .containsEntry(EventHeaders.DLQ_ORIGIN, TOPIC + "-0@1")
                .containsEntry(KafkaHeaders.KEY, key(second))
                .containsKey(EventHeaders.DLQ_DETAIL);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(2);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.dead-lettered", "reason", "unparseable").count()).isEqualTo(1);
    }

    @Test
    void aBatchIsDroppedWhenAnotherConsumerStoresThePartitionWhileItIsApplied() {
        when(streamBridge.send(eq(DeadLetterPublisher.BINDING), any())).thenAnswer(invocation -> {
            PartitionCounts otherConsumer = partitions.load(LIVE, TOPIC, PARTITION);
            otherConsumer.advanceTo(5);
            partitions.save(otherConsumer);
            return true;
        });
        ResponseRecord poison = new ResponseRecord(TOPIC, PARTITION, 1, null, ResponseParser.SUBMITTED, new byte[] {1});

        boolean stored = apply(List.of(submittedRecord(0, first, RISK), poison, submittedRecord(2, second, TOOLS)));

        assertThat(stored).isFalse();
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(5);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isZero();
        assertThat(meters.counter("pmo.events.counted").count()).isZero();
    }

    @Test
    void recordsThatBreakTheEventRulesAreDeadLetteredWithTheirReason() {
        byte[] wrongVersion = json(new SurveyResponseSubmitted(2, UUID.randomUUID(), first, null, 1, null, RISK, null));
        byte[] noResponseId = json(submitted(null, RISK));
        byte[] badAreaId = json(submitted(second, Map.of("risk.management", List.of())));

        apply(List.of(
                new ResponseRecord(TOPIC, PARTITION, 0, null, ResponseParser.SUBMITTED, wrongVersion),
                new ResponseRecord(TOPIC, PARTITION, 1, null, ResponseParser.SUBMITTED, noResponseId),
                new ResponseRecord(TOPIC, PARTITION, 2, key(second), ResponseParser.SUBMITTED, badAreaId),
                new ResponseRecord(TOPIC, PARTITION, 3, key(first), "SurveyResponseEdited", json(submitted(first, RISK))),
                new ResponseRecord(TOPIC, PARTITION, 4, key(first), ResponseParser.WITHDRAWN, null)));

        assertThat(meters.counter("pmo.events.dead-lettered", "reason", "unsupported-schema-version").count()).isEqualTo(1);
        assertThat(meters.counter("pmo.events.dead-lettered", "reason", "missing-response-id").count()).isEqualTo(1);
        assertThat(meters.counter("pmo.events.dead-lettered", "reason", "invalid-selections").count()).isEqualTo(1);
        assertThat(meters.counter("pmo.events.dead-lettered", "reason", "unknown-event-type").count()).isEqualTo(1);
        assertThat(meters.counter("pmo.events.dead-lettered", "reason", "unparseable").count()).isEqualTo(1);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(4);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isZero();
    }

    @Test
    void aResponseToAnUnseenCatalogueVersionIsDeadLetteredOnceTheWaitIsOver() {
        Instant deadline = Instant.now().plusMillis(300);

        applier.applyLive(LIVE, TOPIC, PARTITION, List.of(
                submittedRecord(0, first, RISK, UNPUBLISHED_VERSION),
                submittedRecord(1, second, TOOLS)), deadline);

        assertThat(Instant.now()).isAfterOrEqualTo(deadline);
        assertThat(capturedDeadLetter().getHeaders())
                .containsEntry(EventHeaders.DLQ_REASON, "unknown-catalogue-version")
                .containsEntry(EventHeaders.EVENT_TYPE, ResponseParser.SUBMITTED);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(1);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(1);
    }

    @Test
    void aResponseIsCountedWhenItsCatalogueVersionArrivesDuringTheWait() {
        CompletableFuture<Void> catalogueArrives = CompletableFuture.runAsync(
                () -> catalogues.add(TestEvents.catalogueLike2(UNPUBLISHED_VERSION)),
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

        applier.applyLive(LIVE, TOPIC, PARTITION, List.of(submittedRecord(0, first, RISK, UNPUBLISHED_VERSION)),
                Instant.now().plus(Duration.ofSeconds(10)));

        assertThat(catalogueArrives).isDone();
        verify(streamBridge, never()).send(eq(DeadLetterPublisher.BINDING), any());
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(1);
    }

    @Test
    void aRebuildAppliesTheSameRecordsToItsGenerationSkippingPoisonWithoutDeadLetteringOrMetrics() {
        Generation rebuilt = LIVE.next();
        List<ResponseRecord> topic = List.of(
                submittedRecord(0, first, RISK),
                new ResponseRecord(TOPIC, PARTITION, 1, null, ResponseParser.SUBMITTED, new byte[] {1}),
                submittedRecord(2, second, TOOLS, UNPUBLISHED_VERSION),
                submittedRecord(3, first, TOOLS));

        boolean stored = applier.applyRebuild(rebuilt, TOPIC, PARTITION, topic);

        assertThat(stored).isTrue();
        assertThat(partitions.load(rebuilt, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(1);
        assertThat(partitions.lastOffset(rebuilt, TOPIC, PARTITION)).isEqualTo(3);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(PartitionCounts.NO_OFFSET);
        assertThat(mongo.collectionExists(rebuilt.factsCollection())).isTrue();
        assertThat(mongo.collectionExists(LIVE.factsCollection())).isFalse();
        verify(streamBridge, never()).send(eq(DeadLetterPublisher.BINDING), any());
        assertThat(meters.counter("pmo.events.counted").count()).isZero();
    }

    private boolean apply(List<ResponseRecord> records) {
        return applier.applyLive(LIVE, TOPIC, PARTITION, records, Instant.now());
    }

    private Message<byte[]> capturedDeadLetter() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Message<byte[]>> deadLetter = ArgumentCaptor.forClass(Message.class);
        verify(streamBridge).send(eq(DeadLetterPublisher.BINDING), deadLetter.capture());
        return deadLetter.getValue();
    }

    private PartitionBatchApplier applier() {
        CountingMetrics metrics = new CountingMetrics(meters);
        return new PartitionBatchApplier(partitions, new ResponseFacts(mongo), TestEvents.DIMENSIONS, catalogues,
                new ResponseParser(TestEvents.JSON), new DeadLetterPublisher(streamBridge, metrics), metrics);
    }

    private static ResponseRecord submittedRecord(long offset, UUID responseId, Map<String, List<String>> selections) {
        return submittedRecord(offset, responseId, selections, 1);
    }

    private static ResponseRecord submittedRecord(long offset, UUID responseId, Map<String, List<String>> selections,
            int catalogueVersion) {
        RespondentProfile profile = TestEvents.DEFAULT_PROFILE;
        return new ResponseRecord(TOPIC, PARTITION, offset, key(responseId), ResponseParser.SUBMITTED,
                json(submitted(responseId, profile, selections, catalogueVersion)));
    }

    private static ResponseRecord withdrawnRecord(long offset, UUID responseId) {
        return new ResponseRecord(TOPIC, PARTITION, offset, key(responseId), ResponseParser.WITHDRAWN,
                json(withdrawn(responseId)));
    }

    private static byte[] key(UUID responseId) {
        return responseId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
