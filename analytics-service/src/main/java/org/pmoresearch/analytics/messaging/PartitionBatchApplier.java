package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.domain.CountingOutcome;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.domain.RecordPosition;
import org.pmoresearch.analytics.domain.ResponseCounter;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.messaging.ParsedResponse.Poison;
import org.pmoresearch.analytics.messaging.ParsedResponse.Submitted;
import org.pmoresearch.analytics.messaging.ParsedResponse.Withdrawn;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.pmoresearch.contracts.RespondentProfile;
import org.pmoresearch.contracts.SurveyResponseSubmitted;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Applies one partition's share of a batch: reads the partition's document once, skips what it already
 * holds, applies the rest in offset order and stores the result in one conditional write.
 */
@Component
class PartitionBatchApplier {

    private final PartitionCountsStore partitions;
    private final ResponseCounter counter;
    private final ResponseParser parser;
    private final DeadLetterPublisher deadLetters;
    private final CountingMetrics metrics;

    PartitionBatchApplier(PartitionCountsStore partitions, ResponseCounter counter, ResponseParser parser,
            DeadLetterPublisher deadLetters, CountingMetrics metrics) {
        this.partitions = partitions;
        this.counter = counter;
        this.parser = parser;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * @param records the partition's records in offset order
     * @return false when another consumer stored this partition first: this batch's work on it is dropped
     */
    boolean apply(String topic, int partition, List<ResponseRecord> records) {
        PartitionCounts state = partitions.load(topic, partition);
        PartitionOutcomes outcomes = new PartitionOutcomes();
        for (ResponseRecord record : records) {
            if (state.isApplied(record.offset())) {
                continue;
            }
            applyRecord(state, record, outcomes);
            state.advanceTo(record.offset());
        }
        if (!state.hasAdvanced()) {
            return true;
        }
        boolean stored = metrics.timeCountsWrite(() -> partitions.save(state));
        if (stored) {
            metrics.recordStored(outcomes);
        }
        return stored;
    }

    private void applyRecord(PartitionCounts state, ResponseRecord record, PartitionOutcomes outcomes) {
        RecordPosition position = new RecordPosition(record.partition(), record.offset());
        ParsedResponse parsed = parser.parse(record);
        if (parsed instanceof Submitted submitted) {
            SurveyResponseSubmitted event = submitted.event();
            CountingOutcome outcome = counter.submit(state.counts(), factOf(event, position));
            outcomes.add(outcome, event.submittedAt());
        } else if (parsed instanceof Withdrawn withdrawn) {
            String responseId = withdrawn.event().responseId().toString();
            outcomes.add(counter.withdraw(state.counts(), responseId, position), null);
        } else if (parsed instanceof Poison poison) {
            deadLetters.publish(record, poison);
        }
    }

    private static ResponseFact factOf(SurveyResponseSubmitted event, RecordPosition position) {
        RespondentProfile profile = event.profile() == null ? RespondentProfile.EMPTY : event.profile();
        return ResponseFact.submitted(event.responseId().toString(), position, event.catalogueVersion(),
                event.submittedAt(), profile, event.selections());
    }
}
