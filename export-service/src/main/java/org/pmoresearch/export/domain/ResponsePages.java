package org.pmoresearch.export.domain;

import java.io.IOException;

/**
 * Walks the responses page by page: only the current page is ever in memory, however many responses there are.
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

    /** @param first fetched before the download starts, so that a refusal still gets a proper status */
    public ResponsePages(ResponsePage first, Reader reader) {
        this.first = first;
        this.reader = reader;
    }

    public void forEachPage(PageConsumer consumer) throws IOException {
        ResponsePage page = first;
        String cursor = null;
        while (true) {
            consumer.accept(page);
            if (page.next() == null) {
                return;
            }
            if (page.next().equals(cursor)) {
                throw new ExportUnavailableException("analytics-service returned the same page cursor twice: " + cursor);
            }
            cursor = page.next();
            page = reader.pageAfter(cursor);
        }
    }
}
