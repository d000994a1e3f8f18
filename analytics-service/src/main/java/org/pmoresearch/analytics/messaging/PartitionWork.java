package org.pmoresearch.analytics.messaging;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Partitions applied side by side, by the live consumer and by a rebuild: a pool of daemon threads, and the wait for
 * every partition of a batch before the caller goes on.
 */
final class PartitionWork {

    private PartitionWork() {
    }

    /** Threads named {@code namePrefix-1}, {@code namePrefix-2}, … that do not keep the JVM alive. */
    static ExecutorService pool(String namePrefix, int threads) {
        AtomicInteger created = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, namePrefix + "-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Waits for every partition in turn, handing each result to {@code onResult}. A partition that failed, or whose
     * result {@code onResult} refused by throwing, does not stop the wait for the others: once
     * all are done, the first failure is thrown with the later ones suppressed. Interrupted, it cancels them all.
     */
    static <T> void awaitAll(Map<TopicPartition, Future<T>> applying, BiConsumer<TopicPartition, T> onResult) {
        RuntimeException failure = null;
        for (Map.Entry<TopicPartition, Future<T>> partition : applying.entrySet()) {
            RuntimeException cause;
            try {
                onResult.accept(partition.getKey(), partition.getValue().get());
                continue;
            } catch (ExecutionException e) {
                cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("Applying " + partition.getKey() + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                applying.values().forEach(future -> future.cancel(true));
                throw new IllegalStateException("Interrupted while partitions were applied", e);
            } catch (RuntimeException refused) {
                cause = refused;
            }
            if (failure == null) {
                failure = cause;
            } else {
                failure.addSuppressed(cause);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
