package org.pmoresearch.analytics.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies response events to a partition's counts so that each response is counted exactly once.
 * The caller applies a partition's records in offset order, skips those at or below the partition's
 * stored lastOffset, and then stores the counts with the new lastOffset in one write. A crash between
 * the fact writes here and that counts write leaves facts that carry the crashed record's own position:
 * replaying that record recognises them and applies it again.
 */
public class ResponseCounter {

    private final ResponseFactStore facts;
    private final ProfileDimensions dimensions;

    public ResponseCounter(ResponseFactStore facts, ProfileDimensions dimensions) {
        this.facts = facts;
        this.dimensions = dimensions;
    }

    public CountingOutcome submit(HotspotCounts counts, ResponseFact fact) {
        return submitAll(counts, List.of(fact)).get(0);
    }

    /**
     * Applies consecutive submissions, in their order, with one write of their facts.
     * @return each submission's outcome, in order
     */
    public List<CountingOutcome> submitAll(HotspotCounts counts, List<ResponseFact> submissions) {
        List<Optional<ResponseFact>> existing = facts.insertAllOrFindExisting(submissions);
        List<CountingOutcome> outcomes = new ArrayList<>(submissions.size());
        for (int i = 0; i < submissions.size(); i++) {
            ResponseFact fact = submissions.get(i);
            boolean replayOfOwnRecord = existing.get(i).map(found -> found.position().equals(fact.position())).orElse(true);
            if (replayOfOwnRecord) {
                counts.add(dimensions.segmentsOf(fact.profile()), fact.selections());
                outcomes.add(CountingOutcome.COUNTED);
            } else {
                outcomes.add(CountingOutcome.DUPLICATE);
            }
        }
        return outcomes;
    }

    public CountingOutcome withdraw(HotspotCounts counts, String responseId, RecordPosition position) {
        Optional<ResponseFact> withdrawn = facts.withdraw(responseId, position.offset());
        if (withdrawn.isEmpty()) {
            Optional<ResponseFact> existing = facts.find(responseId);
            if (existing.isEmpty()) {
                // Only a submission replayed from the DLQ can follow its own withdrawal: it must stay out.
                facts.insertOrFindExisting(ResponseFact.tombstone(responseId, position));
                return CountingOutcome.IGNORED;
            }
            withdrawn = existing.filter(fact -> !fact.isTombstone() && fact.wasWithdrawnAt(position.offset()));
        }
        if (withdrawn.isEmpty()) {
            return CountingOutcome.IGNORED;
        }
        ResponseFact fact = withdrawn.get();
        counts.subtract(dimensions.segmentsOf(fact.profile()), fact.selections());
        return CountingOutcome.WITHDRAWN;
    }
}
