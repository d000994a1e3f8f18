package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.store.CurrentCounts;
import org.pmoresearch.analytics.store.ResponseFacts;

import java.util.Map;

/**
 * Counts read from the response facts (admin cross-filters, answers by catalogue version), each kept while the
 * counts' version stays the same and read once however many ask for it at the same moment (see
 * {@link VersionedAnswers}): every such answer reads all the responses, which takes seconds at 100,000 responses on
 * the embedded store. Any stored count moves the version on, so a kept answer is never older than the counts shown
 * beside it. The answers are shared and must not be modified.
 */
final class CountsFromFacts {

    static final int MAX_KEPT = 64;

    private final ResponseFacts facts;
    private final VersionedAnswers<Key, SelectionCounts> kept = new VersionedAnswers<>(MAX_KEPT);

    CountsFromFacts(ResponseFacts facts) {
        this.facts = facts;
    }

    /**
     * @param snapshot the counts the answer goes with, taken before this call
     * @param filters profile dimension to the value it must have
     * @param catalogueVersion the catalogue version answered, or null for any
     */
    SelectionCounts count(CurrentCounts.Snapshot snapshot, Map<String, String> filters, Integer catalogueVersion) {
        return kept.get(snapshot.version(), new Key(Map.copyOf(filters), catalogueVersion),
                () -> facts.count(snapshot.generation(), filters, catalogueVersion));
    }

    private record Key(Map<String, String> filters, Integer catalogueVersion) {
    }
}
