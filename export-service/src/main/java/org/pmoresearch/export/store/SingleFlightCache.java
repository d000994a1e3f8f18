package org.pmoresearch.export.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A bounded, least-recently-used cache of values that are costly to build, where concurrent callers asking for the
 * same key share one build (single flight): the first caller builds, the others wait for its result. A failed build
 * is not kept, so the next caller tries again.
 */
public final class SingleFlightCache<K, V> {

    /** @param built true for the one caller whose call built the value */
    public record Lookup<V>(V value, boolean built) {
    }

    private final Object lock = new Object();
    private final Map<K, CompletableFuture<V>> entries;

    public SingleFlightCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, CompletableFuture<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    public Lookup<V> get(K key, Supplier<V> build) {
        CompletableFuture<V> flight;
        boolean builder = false;
        synchronized (lock) {
            flight = entries.get(key);
            if (flight == null) {
                flight = new CompletableFuture<>();
                entries.put(key, flight);
                builder = true;
            }
        }
        if (builder) {
            return new Lookup<>(build(key, flight, build), true);
        }
        try {
            return new Lookup<>(flight.join(), false);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    public int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    private V build(K key, CompletableFuture<V> flight, Supplier<V> build) {
        try {
            V value = build.get();
            flight.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                entries.remove(key, flight);
            }
            flight.completeExceptionally(e);
            throw e;
        }
    }
}
