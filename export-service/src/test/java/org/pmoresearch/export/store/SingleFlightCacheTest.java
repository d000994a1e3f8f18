package org.pmoresearch.export.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SingleFlightCacheTest {

    private final SingleFlightCache<String, String> cache = new SingleFlightCache<>(2);

    @Test
    void concurrentCallersForOneKeyShareOneBuild() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(5);
        try {
            List<CompletableFuture<SingleFlightCache.Lookup<String>>> lookups = new ArrayList<>();
            for (int caller = 0; caller < 5; caller++) {
                lookups.add(CompletableFuture.supplyAsync(() -> {
                    waiting.incrementAndGet();
                    return cache.get("v1", () -> {
                        builds.incrementAndGet();
                        awaitRelease(release);
                        return "workbook v1";
                    });
                }, callers));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> waiting.get() == 5 && builds.get() == 1);
            release.countDown();

            assertThat(lookups).extracting(CompletableFuture::join).extracting(SingleFlightCache.Lookup::value).containsOnly("workbook v1");
            assertThat(lookups).extracting(CompletableFuture::join).filteredOn(SingleFlightCache.Lookup::built).hasSize(1);
            assertThat(builds.get()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void forgetsAFailedBuildSoThatTheNextCallerTriesAgain() {
        assertThatThrownBy(() -> cache.get("v1", () -> {
            throw new IllegalStateException("analytics is down");
        })).hasMessage("analytics is down");

        assertThat(cache.get("v1", () -> "workbook v1")).isEqualTo(new SingleFlightCache.Lookup<>("workbook v1", true));
        assertThat(cache.get("v1", () -> "rebuilt")).isEqualTo(new SingleFlightCache.Lookup<>("workbook v1", false));
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedEntriesUpToItsCapacity() {
        cache.get("v1", () -> "one");
        cache.get("v2", () -> "two");
        cache.get("v1", () -> "unused");
        cache.get("v3", () -> "three");

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("v1", () -> "rebuilt").built()).isFalse();
        assertThat(cache.get("v2", () -> "rebuilt").built()).as("least recently used, so evicted").isTrue();
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
