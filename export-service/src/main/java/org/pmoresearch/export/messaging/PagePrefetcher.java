package org.pmoresearch.export.messaging;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The threads that read an admin export's next page from analytics while the current one is written: one busy
 * thread per running export at most, idle ones end after a minute. Deliberately not an {@link Executor} bean, which
 * would take the place of the application's task executor that streams the downloads.
 */
@Component
public class PagePrefetcher implements DisposableBean {

    private final ExecutorService threads;

    public PagePrefetcher() {
        CustomizableThreadFactory factory = new CustomizableThreadFactory("export-prefetch-");
        factory.setDaemon(true);
        this.threads = Executors.newCachedThreadPool(factory);
    }

    public Executor executor() {
        return threads;
    }

    @Override
    public void destroy() {
        threads.shutdownNow();
    }
}
