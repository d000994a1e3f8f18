package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.store.CurrentCounts;
import org.pmoresearch.analytics.store.ResponseFacts;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts read from the response facts (admin cross-filters, answers by catalogue version), each kept while the
 * counts' version stays the same and read once however many ask for it at the same moment: every such answer
 * reads all the responses, which takes seconds at 100,000 responses on the embedded store.
 *
 * <p>An answer is kept under the version of the snapshot its caller took before the facts were read, and served
 * only to callers holding a snapshot of that same version; any stored count moves the version on, so a kept
 * answer is never older than the counts shown beside it. Answers of other versions are dropped when a new
 * version is seen; at most {@link #MAX_KEPT} are kept. The answers are shared and must not be modified.
 */
final class CountsFromFacts {

    static final int MAX_KEPT = 64;

    private final ResponseFacts facts;
    private final ConcurrentHashMap<Key, CompletableFuture<SelectionCounts>> kept = new ConcurrentHashMap<>();
    private volatile String keptVersion = "";

    CountsFromFacts(ResponseFacts facts) {
        this.facts = facts;
    }

    /**
     * @param snapshot the counts the answer goes with, taken before this call
     * @param filters profile dimension to the value it must have
     * @param catalogueVersion the catalogue version answered, or null for any
     */
    SelectionCounts count(CurrentCounts.Snapshot snapshot, Map<String, String> filters, Integer catalogueVersion) {
        String version = snapshot.version();
        if (!version.equals(keptVersion) || kept.size() >= MAX_KEPT) {
            kept.clear();
            keptVersion = version;
        }
        Key key = new Key(version, Map.copyOf(filters), catalogueVersion);
        CompletableFuture<SelectionCounts> mine = new CompletableFuture<>();
        CompletableFuture<SelectionCounts> earlier = kept.putIfAbsent(key, mine);
        if (earlier != null) {
            return awaited(earlier);
        }
        try {
            SelectionCounts counts = facts.count(snapshot.generation(), filters, catalogueVersion);
            mine.complete(counts);
            return counts;
        } catch (RuntimeException | Error e) {
            kept.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static SelectionCounts awaited(CompletableFuture<SelectionCounts> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Key(String version, Map<String, String> filters, Integer catalogueVersion) {
    }
}
