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
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.domain.ResponseCounter;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.store.MongoResponseFactStore;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.pmoresearch.analytics.TestEvents.json;
import static org.pmoresearch.analytics.TestEvents.submitted;
import static org.pmoresearch.analytics.TestEvents.withdrawn;

/**
 * One partition's share of a batch, applied against a real MongoDB wire-protocol server. The DLQ's
 * StreamBridge is the only stand-in: publishing to Kafka is covered by the pipeline test.
 */
class PartitionBatchApplierTest {

    private static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String TOPIC = "pmo.survey-responses.v1";
    private static final int PARTITION = 0;
    private static final String DOCUMENT_ID = TOPIC + "-" + PARTITION;
    private static final Map<String, List<String>> RISK = Map.of("risk-management", List.of("risk-register"));
    private static final Map<String, List<String>> TOOLS = Map.of("ppm-tools", List.of());

    private final MongoTemplate mongo = MONGO.template();
    private final PartitionCountsStore partitions = new PartitionCountsStore(mongo);
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final StreamBridge streamBridge = mock(StreamBridge.class);
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
        when(streamBridge.send(eq(DeadLetterPublisher.BINDING), any())).thenReturn(true);
    }

    @Test
    void appliesTheRecordsInOrderAndStoresTheCountsWithTheLastOffset() {
        boolean stored = applier.apply(TOPIC, PARTITION, List.of(
                submittedRecord(0, first, RISK),
                submittedRecord(1, second, TOOLS),
                submittedRecord(2, first, TOOLS),
                withdrawnRecord(3, second)));

        assertThat(stored).isTrue();
        SelectionCounts counts = partitions.load(TOPIC, PARTITION).counts();
        assertThat(counts.totalResponses()).isEqualTo(1);
        assertThat(counts.taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(counts.areaCount("ppm-tools")).isZero();
        assertThat(partitions.lastOffset(TOPIC, PARTITION)).isEqualTo(3);
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.duplicate").count()).isEqualTo(1);
        assertThat(meters.counter("pmo.events.withdrawn").count()).isEqualTo(1);
        assertThat(meters.timer("pmo.pipeline.latency").count()).isEqualTo(2);
        assertThat(meters.timer("pmo.counts.write").count()).isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        List<ResponseRecord> batch = List.of(submittedRecord(0, first, RISK), submittedRecord(1, second, TOOLS));
        applier.apply(TOPIC, PARTITION, batch);

        applier.apply(TOPIC, PARTITION, batch);

        assertThat(partitions.load(TOPIC, PARTITION).counts().totalResponses()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.counted").count()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.duplicate").count()).isZero();
    }

    @Test
    void aCrashBeforeTheCountsWriteIsRepairedByReplayingTheBatch() {
        applier.apply(TOPIC, PARTITION, List.of(submittedRecord(0, first, RISK)));
        Document storedBeforeTheCrash = mongo.findById(DOCUMENT_ID, Document.class, "partition_counts");
        List<ResponseRecord> crashedBatch = List.of(
                submittedRecord(1, second, TOOLS),
                submittedRecord(2, second, RISK),
                withdrawnRecord(3, first));
        applier.apply(TOPIC, PARTITION, crashedBatch);
        SelectionCounts expected = partitions.load(TOPIC, PARTITION).counts();
        // The facts of the crashed batch were written, its counts were not.
        mongo.save(storedBeforeTheCrash, "partition_counts");

        applier.apply(TOPIC, PARTITION, crashedBatch);

        SelectionCounts replayed = partitions.load(TOPIC, PARTITION).counts();
        assertThat(replayed.totalResponses()).isEqualTo(expected.totalResponses()).isEqualTo(1);
        assertThat(replayed.areas()).isEqualTo(expected.areas());
        assertThat(replayed.areaCount("ppm-tools")).isEqualTo(1);
        assertThat(replayed.areaCount("risk-management")).isZero();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() {
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        ResponseRecord poison = new ResponseRecord(TOPIC, PARTITION, 1, key(second),
                ResponseParser.SUBMITTED, garbage);

        applier.apply(TOPIC, PARTITION, List.of(submittedRecord(0, first, RISK), poison,
                submittedRecord(2, second, TOOLS)));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Message<byte[]>> deadLetter = ArgumentCaptor.forClass(Message.class);
        verify(streamBridge).send(eq(DeadLetterPublisher.BINDING), deadLetter.capture());
        assertThat(deadLetter.getValue().getPayload()).isEqualTo(garbage);
        assertThat(deadLetter.getValue().getHeaders())
                .containsEntry(EventHeaders.DLQ_REASON, "unparseable")
                .containsEntry(EventHeaders.DLQ_ORIGIN, TOPIC + "-0@1")
                .containsEntry(KafkaHeaders.KEY, key(second))
                .containsKey(EventHeaders.DLQ_DETAIL);
        assertThat(partitions.lastOffset(TOPIC, PARTITION)).isEqualTo(2);
        assertThat(partitions.load(TOPIC, PARTITION).counts().totalResponses()).isEqualTo(2);
        assertThat(meters.counter("pmo.events.dead-lettered", "reason", "unparseable").count()).isEqualTo(1);
    }

    @Test
    void aBatchIsDroppedWhenAnotherConsumerStoresThePartitionWhileItIsApplied() {
        when(streamBridge.send(eq(DeadLetterPublisher.BINDING), any())).thenAnswer(invocation -> {
            PartitionCounts otherConsumer = partitions.load(TOPIC, PARTITION);
            otherConsumer.advanceTo(5);
            partitions.save(otherConsumer);
            return true;
        });
        ResponseRecord poison = new ResponseRecord(TOPIC, PARTITION, 1, null, ResponseParser.SUBMITTED, new byte[] {1});

        boolean stored = applier.apply(TOPIC, PARTITION, List.of(submittedRecord(0, first, RISK), poison,
                submittedRecord(2, second, TOOLS)));

        assertThat(stored).isFalse();
        assertThat(partitions.lastOffset(TOPIC, PARTITION)).isEqualTo(5);
        assertThat(partitions.load(TOPIC, PARTITION).counts().totalResponses()).isZero();
        assertThat(meters.counter("pmo.events.counted").count()).isZero();
    }

    @Test
    void recordsThatBreakTheEventRulesAreDeadLetteredWithTheirReason() {
        byte[] wrongVersion = json(new SurveyResponseSubmitted(2, UUID.randomUUID(),
                first, null, 1, null, RISK, null));
        byte[] noResponseId = json(submitted(null, RISK));
        byte[] badAreaId = json(submitted(second, Map.of("risk.management", List.of())));

        applier.apply(TOPIC, PARTITION, List.of(
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
        assertThat(partitions.lastOffset(TOPIC, PARTITION)).isEqualTo(4);
        assertThat(partitions.load(TOPIC, PARTITION).counts().totalResponses()).isZero();
    }

    private PartitionBatchApplier applier() {
        CountingMetrics metrics = new CountingMetrics(meters);
        return new PartitionBatchApplier(partitions, new ResponseCounter(new MongoResponseFactStore(mongo)),
                new ResponseParser(TestEvents.JSON), new DeadLetterPublisher(streamBridge, metrics), metrics);
    }

    private static ResponseRecord submittedRecord(long offset, UUID responseId, Map<String, List<String>> selections) {
        return new ResponseRecord(TOPIC, PARTITION, offset, key(responseId), ResponseParser.SUBMITTED,
                json(submitted(responseId, selections)));
    }

    private static ResponseRecord withdrawnRecord(long offset, UUID responseId) {
        return new ResponseRecord(TOPIC, PARTITION, offset, key(responseId), ResponseParser.WITHDRAWN,
                json(withdrawn(responseId)));
    }

    private static byte[] key(UUID responseId) {
        return responseId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
