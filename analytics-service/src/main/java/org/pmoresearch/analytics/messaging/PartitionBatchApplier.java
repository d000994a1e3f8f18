package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.CountingOutcome;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseCounter;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.messaging.ParsedResponse.Poison;
import org.pmoresearch.analytics.messaging.ParsedResponse.Submitted;
import org.pmoresearch.analytics.messaging.ParsedResponse.Withdrawn;
import org.pmoresearch.analytics.store.ResponseFacts;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.pmoresearch.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies one partition's share of a batch to one generation: takes the partition's counts (kept from its last
 * batch, or read from the store), skips what they already hold, applies the rest in offset order (the facts of
 * consecutive submissions in one write) and stores the result in one conditional write.
 * The live pipeline and a rebuild share this logic; they differ only in what happens to a poison record.
 */
@Component
class PartitionBatchApplier {

    private static final Logger log = LoggerFactory.getLogger(PartitionBatchApplier.class);

    private final HeldCounts partitions;
    private final ResponseFacts facts;
    private final ProfileDimensions dimensions;
    private final CatalogueVersions catalogues;
    private final ResponseParser parser;
    private final DeadLetterPublisher deadLetters;
    private final CountingMetrics metrics;

    PartitionBatchApplier(HeldCounts partitions, ResponseFacts facts, ProfileDimensions dimensions,
            CatalogueVersions catalogues, ResponseParser parser, DeadLetterPublisher deadLetters,
            CountingMetrics metrics) {
        this.partitions = partitions;
        this.facts = facts;
        this.dimensions = dimensions;
        this.catalogues = catalogues;
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * Poison records go to the DLQ; a response to a catalogue version not seen yet waits for it until
     * {@code catalogueDeadline}, then is poison too. Outcomes are recorded in the metrics once stored.
     * <p>
     * The records must carry on from the partition's stored offset: Kafka gives a partition's records offsets
     * that follow one another, so a first new record further on means records were read past without being
     * applied, and the batch is refused rather than leave them out of the counts for good. Only the first batch
     * after the consumer was positioned may begin further on: the log itself holds nothing before it (records
     * removed by retention, say).
     * @param records            the partition's records in offset order
     * @param positionedForThese whether the consumer was positioned on the partition (at its stored offset + 1, or
     *                           at its beginning) since it last applied a batch of it
     */
    BatchOutcome applyLive(Generation generation, String topic, int partition, List<ResponseRecord> records,
            Instant catalogueDeadline, boolean positionedForThese) {
        return apply(generation, topic, partition, records, new Mode(true, catalogueDeadline, !positionedForThese));
    }

    /**
     * For a rebuild: poison records are skipped, as the live pipeline dead-lettered them when it first met
     * them, and nothing is waited for or counted in the metrics. The rebuild reads each partition from its
     * beginning with a consumer of its own, so its records are taken as they come.
     * @return false when another writer changed the rebuilt generation's partition
     */
    boolean applyRebuild(Generation generation, String topic, int partition, List<ResponseRecord> records) {
        Mode rebuild = new Mode(false, Instant.EPOCH, false);
        return apply(generation, topic, partition, records, rebuild) == BatchOutcome.APPLIED;
    }

    private BatchOutcome apply(Generation generation, String topic, int partition, List<ResponseRecord> records,
            Mode mode) {
        PartitionCounts state = partitions.take(generation, topic, partition);
        if (mode.continuous() && skipsRecords(state, records)) {
            partitions.putBack(state);
            metrics.recordsMissing();
            return BatchOutcome.RECORDS_MISSING;
        }
        ResponseCounter counter = new ResponseCounter(facts.store(generation), dimensions);
        PartitionOutcomes outcomes = new PartitionOutcomes();
        PendingSubmissions submissions = new PendingSubmissions(counter, state, outcomes);
        for (ResponseRecord record : records) {
            if (state.isApplied(record.offset())) {
                continue;
            }
            applyRecord(submissions, record, mode);
            state.advanceTo(record.offset());
        }
        submissions.apply();
        if (!state.hasAdvanced()) {
            partitions.putBack(state);
            return BatchOutcome.APPLIED;
        }
        boolean stored = mode.live() ? metrics.timeCountsWrite(() -> partitions.save(state)) : partitions.save(state);
        if (!stored) {
            return BatchOutcome.TAKEN_OVER;
        }
        if (mode.live()) {
            metrics.recordStored(outcomes);
        }
        return BatchOutcome.APPLIED;
    }

    /** Whether the first record not yet applied comes after the one that should follow the stored offset. */
    private static boolean skipsRecords(PartitionCounts state, List<ResponseRecord> records) {
        long next = state.lastOffset() + 1;
        for (ResponseRecord record : records) {
            if (!state.isApplied(record.offset())) {
                if (record.offset() > next) {
                    log.warn("{}-{}: the records from offset {} to {} were not delivered before offset {}; none of"
                            + " this batch is applied, and the partition is read again from its stored offset",
                            record.topic(), record.partition(), next, record.offset() - 1, record.offset());
                    return true;
                }
                return false;
            }
        }
        return false;
    }

    private void applyRecord(PendingSubmissions submissions, ResponseRecord record, Mode mode) {
        RecordPosition position = new RecordPosition(record.partition(), record.offset());
        ParsedResponse parsed = parser.parse(record);
        if (parsed instanceof Submitted submitted && !catalogueKnown(submitted.event().catalogueVersion(), mode)) {
            parsed = new Poison(PoisonReason.UNKNOWN_CATALOGUE_VERSION, "catalogueVersion "
                    + submitted.event().catalogueVersion() + " has not been published on " + Topics.CATALOGUE);
        }
        if (parsed instanceof Submitted submitted) {
            submissions.add(submitted.event(), position);
        } else if (parsed instanceof Withdrawn withdrawn) {
            submissions.withdraw(withdrawn.event().responseId().toString(), position);
        } else if (parsed instanceof Poison poison && mode.live()) {
            deadLetters.publish(record, poison);
        }
    }

    private boolean catalogueKnown(int version, Mode mode) {
        try {
            return catalogues.awaitVersion(version, mode.catalogueDeadline());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for catalogue version " + version, e);
        }
    }

    /**
     * Submissions held back so that consecutive ones write their facts in one round trip. A withdrawal may
     * concern one of them, so it applies them first: the facts are written in the records' order.
     */
    private static final class PendingSubmissions {

        private final ResponseCounter counter;
        private final PartitionCounts state;
        private final PartitionOutcomes outcomes;
        private final List<ResponseFact> facts = new ArrayList<>();

        PendingSubmissions(ResponseCounter counter, PartitionCounts state, PartitionOutcomes outcomes) {
            this.counter = counter;
            this.state = state;
            this.outcomes = outcomes;
        }

        void add(SurveyResponseSubmitted event, RecordPosition position) {
            RespondentProfile profile = event.profile() == null ? RespondentProfile.EMPTY : event.profile();
            facts.add(ResponseFact.submitted(event.responseId().toString(), position, event.catalogueVersion(),
                    event.submittedAt(), profile, event.selections()));
        }

        void withdraw(String responseId, RecordPosition position) {
            apply();
            outcomes.add(counter.withdraw(state.counts(), responseId, position), null);
        }

        void apply() {
            if (facts.isEmpty()) {
                return;
            }
            List<CountingOutcome> applied = counter.submitAll(state.counts(), facts);
            for (int i = 0; i < facts.size(); i++) {
                outcomes.add(applied.get(i), facts.get(i).submittedAt());
            }
            facts.clear();
        }
    }

    /** @param continuous whether the records must carry on from the stored offset */
    private record Mode(boolean live, Instant catalogueDeadline, boolean continuous) {
    }
}
