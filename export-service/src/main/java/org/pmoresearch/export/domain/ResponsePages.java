package org.pmoresearch.export.domain;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Walks the responses page by page: the page being written and at most the one after it are in memory, however
 * many responses there are.
 *
 * <p>With a prefetching executor the next page is read while the current one is written, so analytics producing a
 * page and the export writing one overlap instead of taking turns; without one, each page is read when the previous
 * one is done.
 */
public final class ResponsePages {

    /** Fetches the page after a cursor. */
    @FunctionalInterface
    public interface Reader {
        ResponsePage pageAfter(String cursor);
    }

    @FunctionalInterface
    public interface PageConsumer {
        void accept(ResponsePage page) throws IOException;
    }

    private final ResponsePage first;
    private final Reader reader;
    private final Executor prefetcher;

    /** Reads each page in the caller's thread, after the previous one has been consumed. */
    public ResponsePages(ResponsePage first, Reader reader) {
        this(first, reader, null);
    }

    /**
     * @param first      fetched before the download starts, so that a refusal still gets a proper status
     * @param prefetcher runs the read of the next page while the current one is consumed; null to read in turn
     */
    public ResponsePages(ResponsePage first, Reader reader, Executor prefetcher) {
        this.first = first;
        this.reader = reader;
        this.prefetcher = prefetcher;
    }

    public void forEachPage(PageConsumer consumer) throws IOException {
        ResponsePage page = first;
        String cursor = null;
        while (true) {
            String next = page.next();
            if (next != null && next.equals(cursor)) {
                throw new ExportUnavailableException("analytics-service returned the same page cursor twice: " + cursor);
            }
            CompletableFuture<ResponsePage> following = next == null || prefetcher == null ? null
                    : CompletableFuture.supplyAsync(() -> reader.pageAfter(next), prefetcher);
            try {
                consumer.accept(page);
            } catch (IOException | RuntimeException e) {
                if (following != null) {
                    // A read in flight finishes on its own; its page is dropped.
                    following.cancel(false);
                }
                throw e;
            }
            if (next == null) {
                return;
            }
            cursor = next;
            page = following == null ? reader.pageAfter(next) : await(following);
        }
    }

    private static ResponsePage await(CompletableFuture<ResponsePage> page) {
        try {
            return page.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
