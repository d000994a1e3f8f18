package org.pmoresearch.analytics.messaging;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.AnalyticsStateStore;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
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
    private final ResponseFacts facts = new ResponseFacts(mongo, catalogues);
    private final PartitionBatchApplier applier = applier(mongo);

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    @BeforeEach
    void knowTheCatalogueAndAcceptDeadLetters() {
        catalogues.add(TestEvents.CATALOGUE_V1);
        when(streamBridge.send(eq(DeadLetterPublisher.BINDING), any())).thenReturn(true);
    }

    @Test
    void appliesTheRecordsInOrderAndStoresTheCountsWithTheLastOffset() {
        BatchOutcome stored = apply(List.of(
                submittedRecord(0, first, RISK),
                submittedRecord(1, second, TOOLS),
                submittedRecord(2, first, TOOLS),
                withdrawnRecord(3, second)));

        assertThat(stored).isEqualTo(BatchOutcome.APPLIED);
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

        // The instance that crashed held its counts in memory: the one that replays starts from the store.
        applier(mongo).applyLive(LIVE, TOPIC, PARTITION, crashedBatch, Instant.now(), true);

        PartitionCounts replayed = partitions.load(LIVE, TOPIC, PARTITION);
        assertThat(replayed.counts().all().totalResponses()).isEqualTo(expected.counts().all().totalResponses())
                .isEqualTo(1);
        assertThat(replayed.counts().all().areas()).isEqualTo(expected.counts().all().areas());
        assertThat(replayed.counts().segments()).isEqualTo(expected.counts().segments());
        assertThat(replayed.counts().all().areaCount("ppm-tools")).isEqualTo(1);
        assertThat(replayed.counts().all().areaCount("risk-management")).isZero();
    }

    @Test
    void writesTheFactsOfConsecutiveSubmissionsInOneInsertAndReadsNoFactWhenNoneWasKnown() {
        List<ResponseRecord> batch = new ArrayList<>();
        for (int offset = 0; offset < 50; offset++) {
            batch.add(submittedRecord(offset, UUID.randomUUID(), offset % 2 == 0 ? RISK : TOOLS));
        }
        List<String> factCommands = new CopyOnWriteArrayList<>();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MONGO.uri()))
                .addCommandListener(commandsOn(LIVE.factsCollection(), factCommands))
                .build())) {
            applier(new MongoTemplate(client, MongoTestServer.DATABASE)).applyLive(LIVE, TOPIC, PARTITION, batch,
                    Instant.now(), false);
        }

        assertThat(factCommands).containsExactly("insert");
        assertThat(mongo.getCollection(LIVE.factsCollection()).countDocuments()).isEqualTo(50);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(50);
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(50);
    }

    @Test
    void aResponseRepeatedWithinOneBatchIsCountedOnceAsItsFirstRecordCarriedIt() {
        BatchOutcome stored = apply(List.of(
                submittedRecord(0, first, RISK),
                submittedRecord(1, second, TOOLS),
                submittedRecord(2, first, TOOLS),
                submittedRecord(3, first, TOOLS)));

        assertThat(stored).isEqualTo(BatchOutcome.APPLIED);
        SelectionCounts counts = partitions.load(LIVE, TOPIC, PARTITION).counts().all();
        assertThat(counts.totalResponses()).isEqualTo(2);
        assertThat(counts.areaCount("risk-management")).isEqualTo(1);
        assertThat(counts.areaCount("ppm-tools")).isEqualTo(1);
        assertThat(facts.find(LIVE, first.toString())).hasValueSatisfying(fact -> {
            assertThat(fact.position()).isEqualTo(new RecordPosition(PARTITION, 0));
            assertThat(fact.selections()).isEqualTo(RISK);
        });
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(2);
    }

    @Test
    void aBatchWhoseFactsWereOnlyPartlyWrittenBeforeACrashIsCountedWhole() {
        UUID third = UUID.randomUUID();
        apply(List.of(submittedRecord(0, first, RISK)));
        List<ResponseRecord> crashedBatch = List.of(
                submittedRecord(1, second, TOOLS),
                submittedRecord(2, third, RISK),
                submittedRecord(3, first, TOOLS),
                submittedRecord(4, second, RISK));
        // The crash came in the middle of the batch's unordered insert: only the fact of offset 2 was written.
        facts.store(LIVE).insertOrFindExisting(ResponseFact.submitted(third.toString(),
                new RecordPosition(PARTITION, 2), 1, Instant.parse("2026-01-05T10:00:00Z"), TestEvents.DEFAULT_PROFILE,
                RISK));

        apply(crashedBatch);

        SelectionCounts counts = partitions.load(LIVE, TOPIC, PARTITION).counts().all();
        assertThat(counts.totalResponses()).isEqualTo(3);
        assertThat(counts.areaCount("risk-management")).isEqualTo(2);
        assertThat(counts.areaCount("ppm-tools")).isEqualTo(1);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(4);
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(3);
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(2);
    }

    @Test
    void aResponseAlreadyCountedFromAnotherPartitionIsADuplicateHere() {
        RecordPosition onAnotherPartition = new RecordPosition(PARTITION + 5, 7);
        facts.store(LIVE).insertOrFindExisting(ResponseFact.submitted(first.toString(), onAnotherPartition, 1,
                Instant.parse("2026-01-05T10:00:00Z"), TestEvents.DEFAULT_PROFILE, TOOLS));

        apply(List.of(submittedRecord(0, first, RISK), submittedRecord(1, second, RISK)));

        SelectionCounts counts = partitions.load(LIVE, TOPIC, PARTITION).counts().all();
        assertThat(counts.totalResponses()).isEqualTo(1);
        assertThat(counts.areaCount("risk-management")).isEqualTo(1);
        assertThat(counts.areaCount("ppm-tools")).isZero();
        assertThat(facts.find(LIVE, first.toString())).hasValueSatisfying(fact ->
                assertThat(fact.position()).isEqualTo(onAnotherPartition));
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(1);
    }

    @Test
    void submissionsAroundAWithdrawalInOneBatchAreAppliedInTheRecordsOrder() {
        UUID third = UUID.randomUUID();

        apply(List.of(
                withdrawnRecord(0, third),
                submittedRecord(1, first, RISK),
                withdrawnRecord(2, first),
                submittedRecord(3, first, TOOLS),
                submittedRecord(4, third, TOOLS),
                submittedRecord(5, second, TOOLS)));

        SelectionCounts counts = partitions.load(LIVE, TOPIC, PARTITION).counts().all();
        assertThat(counts.totalResponses()).isEqualTo(1);
        assertThat(counts.areaCount("ppm-tools")).isEqualTo(1);
        assertThat(counts.areaCount("risk-management")).isZero();
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.withdrawn").count()).isEqualTo(1);
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(2);
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

        BatchOutcome stored = apply(List.of(submittedRecord(0, first, RISK), poison, submittedRecord(2, second, TOOLS)));

        assertThat(stored).isEqualTo(BatchOutcome.TAKEN_OVER);
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
                submittedRecord(1, second, TOOLS)), deadline, false);

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
                Instant.now().plus(Duration.ofSeconds(10)), false);

        assertThat(catalogueArrives).isDone();
        verify(streamBridge, never()).send(eq(DeadLetterPublisher.BINDING), any());
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(1);
    }

    @Test
    void readsThePartitionsCountsFromTheStoreOnlyForItsFirstBatch() {
        List<String> countsCommands = new CopyOnWriteArrayList<>();
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MONGO.uri()))
                .addCommandListener(commandsOn(LIVE.countsCollection(), countsCommands))
                .build())) {
            PartitionBatchApplier watched = applier(new MongoTemplate(client, MongoTestServer.DATABASE));
            for (int offset = 0; offset < 3; offset++) {
                assertThat(watched.applyLive(LIVE, TOPIC, PARTITION,
                        List.of(submittedRecord(offset, UUID.randomUUID(), RISK)), Instant.now(), false))
                        .isEqualTo(BatchOutcome.APPLIED);
            }
            // A batch of records it already holds stores nothing and keeps the counts.
            watched.applyLive(LIVE, TOPIC, PARTITION, List.of(submittedRecord(2, UUID.randomUUID(), RISK)),
                    Instant.now(), false);
        }

        assertThat(countsCommands).containsExactly("find", "insert", "update", "update");
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(3);
    }

    @Test
    void countsAnotherInstanceStoredMeanwhileAreReadAgainAfterTheRefusedWrite() {
        apply(List.of(submittedRecord(0, first, RISK), submittedRecord(1, second, TOOLS)));
        // The partition moved to another instance, which counted two more, then came back.
        List<ResponseRecord> countedElsewhere = List.of(
                submittedRecord(2, UUID.randomUUID(), RISK), submittedRecord(3, UUID.randomUUID(), RISK));
        applier(mongo).applyLive(LIVE, TOPIC, PARTITION, countedElsewhere, Instant.now(), true);
        List<ResponseRecord> next = new ArrayList<>(countedElsewhere);
        next.add(submittedRecord(4, UUID.randomUUID(), TOOLS));

        assertThat(apply(next)).isEqualTo(BatchOutcome.TAKEN_OVER);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(3);

        assertThat(apply(next)).isEqualTo(BatchOutcome.APPLIED);
        SelectionCounts counts = partitions.load(LIVE, TOPIC, PARTITION).counts().all();
        assertThat(counts.totalResponses()).isEqualTo(5);
        assertThat(counts.areaCount("risk-management")).isEqualTo(3);
        assertThat(counts.areaCount("ppm-tools")).isEqualTo(2);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(4);
    }

    @Test
    void aBatchThatDoesNotCarryOnFromTheStoredOffsetIsRefusedWithoutChangingAnything() {
        apply(List.of(submittedRecord(0, first, RISK), submittedRecord(1, second, TOOLS)));
        UUID third = UUID.randomUUID();
        UUID fourth = UUID.randomUUID();
        // Offsets 2 and 3 were read past without reaching the applier.
        List<ResponseRecord> afterASkip = List.of(submittedRecord(4, fourth, RISK));

        assertThat(apply(afterASkip)).isEqualTo(BatchOutcome.RECORDS_MISSING);

        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(1);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(2);
        assertThat(facts.find(LIVE, fourth.toString())).isEmpty();
        assertThat(meters.counter("pmo.consumer.rereads").count()).isEqualTo(1);
        // Read again from the stored offset, the records come whole.
        assertThat(apply(List.of(submittedRecord(2, third, TOOLS), submittedRecord(3, UUID.randomUUID(), TOOLS),
                submittedRecord(4, fourth, RISK)))).isEqualTo(BatchOutcome.APPLIED);
        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(4);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(5);
    }

    @Test
    void theFirstBatchAfterTheConsumerWasPositionedMayBeginWhereTheLogDoes() {
        // Nothing stored, and the log begins at offset 7 (the records before it were removed by retention).
        List<ResponseRecord> fromTheLogStart = List.of(submittedRecord(7, first, RISK), submittedRecord(8, second, TOOLS));

        assertThat(apply(fromTheLogStart)).isEqualTo(BatchOutcome.RECORDS_MISSING);
        assertThat(applier.applyLive(LIVE, TOPIC, PARTITION, fromTheLogStart, Instant.now(), true))
                .isEqualTo(BatchOutcome.APPLIED);

        assertThat(partitions.lastOffset(LIVE, TOPIC, PARTITION)).isEqualTo(8);
        assertThat(partitions.load(LIVE, TOPIC, PARTITION).counts().all().totalResponses()).isEqualTo(2);
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

    private BatchOutcome apply(List<ResponseRecord> records) {
        return applier.applyLive(LIVE, TOPIC, PARTITION, records, Instant.now(), false);
    }

    private Message<byte[]> capturedDeadLetter() {
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Message<byte[]>> deadLetter = ArgumentCaptor.forClass(Message.class);
        verify(streamBridge).send(eq(DeadLetterPublisher.BINDING), deadLetter.capture());
        return deadLetter.getValue();
    }

    private PartitionBatchApplier applier(MongoTemplate store) {
        CountingMetrics metrics = new CountingMetrics(meters);
        PartitionCountsStore partitions = new PartitionCountsStore(store);
        return new PartitionBatchApplier(new HeldCounts(partitions, new ActiveGeneration(new AnalyticsStateStore(store))),
                new ResponseFacts(store, catalogues),
                TestEvents.DIMENSIONS, catalogues, new ResponseParser(TestEvents.JSON),
                new DeadLetterPublisher(streamBridge, metrics), metrics);
    }

    /** Collects the name of every command sent to the collection. */
    private static CommandListener commandsOn(String collectionName, List<String> commands) {
        return new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonValue collection = event.getCommand().get(event.getCommandName());
                if (collection != null && collection.isString()
                        && collection.asString().getValue().equals(collectionName)) {
                    commands.add(event.getCommandName());
                }
            }
        };
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
