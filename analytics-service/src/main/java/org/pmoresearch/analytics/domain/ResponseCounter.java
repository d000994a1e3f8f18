package org.pmoresearch.analytics.domain;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Applies response events to a partition's counts so that each response is counted exactly once.
 * The caller applies a partition's records in offset order, skips those at or below the partition's
 * stored lastOffset, and then stores the counts with the new lastOffset in one write. A crash between
 * the fact writes here and that counts write leaves facts that carry the crashed record's own position:
 * replaying that record recognises them and applies it again.
 */
@Component
public class ResponseCounter {

    private final ResponseFactStore facts;

    public ResponseCounter(ResponseFactStore facts) {
        this.facts = facts;
    }

    public CountingOutcome submit(SelectionCounts counts, ResponseFact fact) {
        Optional<ResponseFact> existing = facts.insertOrFindExisting(fact);
        boolean replayOfOwnRecord = existing.map(found -> found.position().equals(fact.position())).orElse(true);
        if (!replayOfOwnRecord) {
            return CountingOutcome.DUPLICATE;
        }
        counts.add(fact.selections());
        return CountingOutcome.COUNTED;
    }

    public CountingOutcome withdraw(SelectionCounts counts, String responseId, RecordPosition position) {
        Optional<ResponseFact> withdrawn = facts.withdraw(responseId, position.offset())
                .or(() -> facts.find(responseId).filter(fact -> fact.wasWithdrawnAt(position.offset())));
        if (withdrawn.isEmpty()) {
            return CountingOutcome.IGNORED;
        }
        counts.subtract(withdrawn.get().selections());
        return CountingOutcome.WITHDRAWN;
    }
}
