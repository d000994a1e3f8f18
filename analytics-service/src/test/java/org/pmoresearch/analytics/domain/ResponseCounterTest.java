package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.store.MongoResponseFactStore;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting rules, applied to a partition's counts with facts in a real MongoDB wire-protocol server. */
class ResponseCounterTest {

    private static final MongoTestServer MONGO = MongoTestServer.start();
    private static final Map<String, List<String>> SELECTIONS =
            Map.of("risk-management", List.of("risk-register"), "ppm-tools", List.of());

    private final MongoTemplate mongo = MONGO.template();
    private final ResponseCounter counter = new ResponseCounter(new MongoResponseFactStore(mongo));
    private final SelectionCounts counts = new SelectionCounts();
    private final String responseId = UUID.randomUUID().toString();

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @BeforeEach
    void emptyStore() {
        mongo.getDb().drop();
    }

    @Test
    void aNewResponseIsCounted() {
        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 10)));

        assertThat(outcome).isEqualTo(CountingOutcome.COUNTED);
        assertThat(counts.totalResponses()).isEqualTo(1);
        assertThat(counts.taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(counts.areaCount("ppm-tools")).isEqualTo(1);
    }

    @Test
    void theSameResponseIdOnAnotherRecordIsADuplicate() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));

        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 11)));

        assertThat(outcome).isEqualTo(CountingOutcome.DUPLICATE);
        assertThat(counts.totalResponses()).isEqualTo(1);
    }

    @Test
    void replayingTheRecordThatWroteTheFactCountsItIntoCountsThatWereNeverStored() {
        counter.submit(new SelectionCounts(), fact(new RecordPosition(0, 10)));

        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 10)));

        assertThat(outcome).isEqualTo(CountingOutcome.COUNTED);
        assertThat(counts.totalResponses()).isEqualTo(1);
    }

    @Test
    void aWithdrawalRemovesTheResponseFromTheCounts() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));

        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        assertThat(outcome).isEqualTo(CountingOutcome.WITHDRAWN);
        assertThat(counts.totalResponses()).isZero();
        assertThat(counts.areas()).isEmpty();
    }

    @Test
    void replayingTheWithdrawalThatMarkedTheFactSubtractsFromCountsThatWereNeverStored() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));
        counter.withdraw(copyOf(counts), responseId, new RecordPosition(0, 12));

        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        assertThat(outcome).isEqualTo(CountingOutcome.WITHDRAWN);
        assertThat(counts.totalResponses()).isZero();
    }

    @Test
    void aSecondWithdrawalChangesNothing() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));
        counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 13));

        assertThat(outcome).isEqualTo(CountingOutcome.IGNORED);
        assertThat(counts.totalResponses()).isZero();
    }

    @Test
    void aWithdrawalOfAnUnknownResponseChangesNothing() {
        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        assertThat(outcome).isEqualTo(CountingOutcome.IGNORED);
        assertThat(counts.totalResponses()).isZero();
    }

    @Test
    void resubmittingAWithdrawnResponseIsADuplicateAndItStaysWithdrawn() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));
        counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 14)));

        assertThat(outcome).isEqualTo(CountingOutcome.DUPLICATE);
        assertThat(counts.totalResponses()).isZero();
        assertThat(new MongoResponseFactStore(mongo).find(responseId)).hasValueSatisfying(stored -> {
            assertThat(stored.withdrawn()).isTrue();
            assertThat(stored.withdrawnOffset()).isEqualTo(12);
            assertThat(stored.position()).isEqualTo(new RecordPosition(0, 10));
        });
    }

    private ResponseFact fact(RecordPosition position) {
        return ResponseFact.submitted(responseId, position, 1, Instant.parse("2026-01-05T10:00:00Z"),
                RespondentProfile.EMPTY, SELECTIONS);
    }

    private static SelectionCounts copyOf(SelectionCounts counts) {
        SelectionCounts copy = new SelectionCounts();
        copy.addAll(counts);
        return copy;
    }
}
