package org.pmoresearch.analytics.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.TestEvents;
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

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final Map<String, List<String>> SELECTIONS =
            Map.of("risk-management", List.of("risk-register"), "ppm-tools", List.of());
    private static final RespondentProfile PROFILE = TestEvents.profile(Map.of("pmoType", "enterprise"));

    private final MongoTemplate mongo = MONGO.template();
    private final MongoResponseFactStore facts = new MongoResponseFactStore(mongo, new CatalogueVersions(), Generation.FIRST);
    private final ResponseCounter counter = new ResponseCounter(facts, TestEvents.DIMENSIONS);
    private final HotspotCounts counts = new HotspotCounts();
    private final String responseId = UUID.randomUUID().toString();

    @Test
    void aNewResponseIsCountedOverallAndInItsSegments() {
        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 10)));

        assertThat(outcome).isEqualTo(CountingOutcome.COUNTED);
        assertThat(counts.all().totalResponses()).isEqualTo(1);
        assertThat(counts.all().taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(counts.all().areaCount("ppm-tools")).isEqualTo(1);
        assertThat(counts.segment("pmoType", "enterprise").totalResponses()).isEqualTo(1);
        assertThat(counts.segment("pmoType", "enterprise").areaCount("ppm-tools")).isEqualTo(1);
        assertThat(counts.segments()).containsOnlyKeys("pmoType");
    }

    @Test
    void theSameResponseIdOnAnotherRecordIsADuplicate() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));

        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 11)));

        assertThat(outcome).isEqualTo(CountingOutcome.DUPLICATE);
        assertThat(counts.all().totalResponses()).isEqualTo(1);
        assertThat(counts.segment("pmoType", "enterprise").totalResponses()).isEqualTo(1);
    }

    @Test
    void replayingTheRecordThatWroteTheFactCountsItIntoCountsThatWereNeverStored() {
        counter.submit(new HotspotCounts(), fact(new RecordPosition(0, 10)));

        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 10)));

        assertThat(outcome).isEqualTo(CountingOutcome.COUNTED);
        assertThat(counts.all().totalResponses()).isEqualTo(1);
    }

    @Test
    void aWithdrawalRemovesTheResponseFromEveryCount() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));

        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        assertThat(outcome).isEqualTo(CountingOutcome.WITHDRAWN);
        assertThat(counts.all().totalResponses()).isZero();
        assertThat(counts.all().areas()).isEmpty();
        assertThat(counts.segments()).isEmpty();
    }

    @Test
    void replayingTheWithdrawalThatMarkedTheFactSubtractsFromCountsThatWereNeverStored() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));
        counter.withdraw(copyOf(counts), responseId, new RecordPosition(0, 12));

        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        assertThat(outcome).isEqualTo(CountingOutcome.WITHDRAWN);
        assertThat(counts.all().totalResponses()).isZero();
    }

    @Test
    void aSecondWithdrawalChangesNothing() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));
        counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 13));

        assertThat(outcome).isEqualTo(CountingOutcome.IGNORED);
        assertThat(counts.all().totalResponses()).isZero();
    }

    @Test
    void aWithdrawalOfAnUnknownResponseChangesNoCountButKeepsItsLaterSubmissionOut() {
        CountingOutcome withdrawal = counter.withdraw(counts, responseId, new RecordPosition(0, 12));
        // The submission arrives after its withdrawal only when it is replayed from the DLQ.
        CountingOutcome replayedSubmission = counter.submit(counts, fact(new RecordPosition(0, 20)));

        assertThat(withdrawal).isEqualTo(CountingOutcome.IGNORED);
        assertThat(replayedSubmission).isEqualTo(CountingOutcome.DUPLICATE);
        assertThat(counts.all().totalResponses()).isZero();
        assertThat(facts.find(responseId)).hasValueSatisfying(tombstone -> {
            assertThat(tombstone.isTombstone()).isTrue();
            assertThat(tombstone.withdrawn()).isTrue();
        });
    }

    @Test
    void replayingAWithdrawalThatLeftATombstoneChangesNothing() {
        counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        CountingOutcome outcome = counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        assertThat(outcome).isEqualTo(CountingOutcome.IGNORED);
        assertThat(counts.all().totalResponses()).isZero();
    }

    @Test
    void resubmittingAWithdrawnResponseIsADuplicateAndItStaysWithdrawn() {
        counter.submit(counts, fact(new RecordPosition(0, 10)));
        counter.withdraw(counts, responseId, new RecordPosition(0, 12));

        CountingOutcome outcome = counter.submit(counts, fact(new RecordPosition(0, 14)));

        assertThat(outcome).isEqualTo(CountingOutcome.DUPLICATE);
        assertThat(counts.all().totalResponses()).isZero();
        assertThat(facts.find(responseId)).hasValueSatisfying(stored -> {
            assertThat(stored.withdrawn()).isTrue();
            assertThat(stored.withdrawnOffset()).isEqualTo(12);
            assertThat(stored.position()).isEqualTo(new RecordPosition(0, 10));
        });
    }

    private ResponseFact fact(RecordPosition position) {
        return ResponseFact.submitted(responseId, position, 1, Instant.parse("2026-01-05T10:00:00Z"), PROFILE,
                SELECTIONS);
    }

    private static HotspotCounts copyOf(HotspotCounts counts) {
        HotspotCounts copy = new HotspotCounts();
        copy.addAll(counts);
        return copy;
    }
}
