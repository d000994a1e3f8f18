package org.pmoresearch.export.domain;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponsePagesTest {

    private final ExecutorService prefetcher = Executors.newCachedThreadPool();
    private final List<String> reads = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopPrefetcher() {
        prefetcher.shutdownNow();
    }

    @Test
    void readsTheNextPageWhileTheCurrentOneIsConsumed() throws IOException {
        CountDownLatch secondPageRead = new CountDownLatch(1);
        ResponsePages pages = new ResponsePages(page(0, "c1"), cursor -> {
            reads.add(cursor);
            secondPageRead.countDown();
            return cursor.equals("c1") ? page(1, "c2") : page(2, null);
        }, prefetcher);
        List<String> consumed = new CopyOnWriteArrayList<>();
        boolean[] overlapped = {false};

        pages.forEachPage(page -> {
            if (consumed.isEmpty()) {
                try {
                    overlapped[0] = secondPageRead.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            consumed.add(page.items().get(0).responseId());
        });

        assertThat(overlapped[0]).as("the second page was read before the first was consumed").isTrue();
        assertThat(consumed).containsExactly("id-0", "id-1", "id-2");
        assertThat(reads).containsExactly("c1", "c2");
    }

    @Test
    void readsInTheCallersTurnWithoutAPrefetcher() throws IOException {
        List<String> events = new CopyOnWriteArrayList<>();
        ResponsePages pages = new ResponsePages(page(0, "c1"), cursor -> {
            events.add("read " + cursor);
            return page(1, null);
        });

        pages.forEachPage(page -> events.add("consumed " + page.items().get(0).responseId()));

        assertThat(events).containsExactly("consumed id-0", "read c1", "consumed id-1");
    }

    @Test
    void stopsReadingWhenTheConsumerFails() {
        ResponsePages pages = new ResponsePages(page(0, "c1"), cursor -> {
            reads.add(cursor);
            return page(reads.size(), "c" + (reads.size() + 1));
        }, prefetcher);

        assertThatThrownBy(() -> pages.forEachPage(page -> {
            throw new IOException("client went away");
        })).isInstanceOf(IOException.class).hasMessage("client went away");
        assertThat(reads).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void passesOnAFailedReadAfterTheCurrentPage() {
        List<String> consumed = new CopyOnWriteArrayList<>();
        ResponsePages pages = new ResponsePages(page(0, "c1"), cursor -> {
            throw new ExportUnavailableException("analytics-service did not answer.");
        }, prefetcher);

        assertThatThrownBy(() -> pages.forEachPage(page -> consumed.add(page.items().get(0).responseId())))
                .isInstanceOf(ExportUnavailableException.class).hasMessageContaining("did not answer");
        assertThat(consumed).containsExactly("id-0");
    }

    @Test
    void refusesACursorThatDoesNotMoveOn() {
        ResponsePages pages = new ResponsePages(page(0, "c1"), cursor -> page(1, "c1"), prefetcher);

        assertThatThrownBy(() -> pages.forEachPage(page -> { }))
                .isInstanceOf(ExportUnavailableException.class).hasMessageContaining("same page cursor twice");
    }

    private static ResponsePage page(int index, String next) {
        return new ResponsePage(List.of(new ExportedResponse("id-" + index, "2025-05-02T09:00:00Z", 1, Map.of(), Map.of())), next);
    }
}
