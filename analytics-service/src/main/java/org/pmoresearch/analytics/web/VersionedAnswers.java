package org.pmoresearch.analytics.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers kept while the version of the data they were made from stays current, each made once however many ask
 * for it at the same moment: the others wait for that one and get the same answer. An answer is kept under the
 * version its caller read before making it and served only to callers holding that same version, so it is never
 * older than what they show beside it. Answers of other versions are dropped when a new version is seen; at most
 * {@code maxKept} are kept. A failed answer is not kept. The answers are shared and must not be modified.
 */
final class VersionedAnswers<K, V> {

    private final int maxKept;
    private final ConcurrentHashMap<Question<K>, CompletableFuture<V>> kept = new ConcurrentHashMap<>();
    private volatile String keptVersion = "";

    VersionedAnswers(int maxKept) {
        if (maxKept < 1) {
            throw new IllegalArgumentException("maxKept must be at least 1");
        }
        this.maxKept = maxKept;
    }

    /**
     * @param version the version of the data {@code answer} reads, read by the caller before this call
     * @param key what is asked, within that version
     */
    V get(String version, K key, Supplier<V> answer) {
        if (!version.equals(keptVersion) || kept.size() >= maxKept) {
            kept.clear();
            keptVersion = version;
        }
        Question<K> question = new Question<>(version, key);
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> earlier = kept.putIfAbsent(question, mine);
        if (earlier != null) {
            return awaited(earlier);
        }
        try {
            V value = answer.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            kept.remove(question, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static <V> V awaited(CompletableFuture<V> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Question<K>(String version, K key) {
    }
}
