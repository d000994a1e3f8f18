package org.pmoresearch.analytics.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.pmoresearch.analytics.config.AnalyticsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live dashboard streams (Server-Sent Events). Every poll interval this instance asks the store for
 * the counts version, which changes when ANY instance stores counts, and pushes the new unfiltered hotspots
 * to its clients. Events are written by a small bounded pool; a client only ever waits for the latest
 * answer, so a slow one never holds a queue of stale ones. Idle streams get heartbeat comments.
 */
@Component
class LiveHotspots {

    static final String EVENT_NAME = "hotspots";
    private static final Logger log = LoggerFactory.getLogger(LiveHotspots.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final HotspotsReader reader;
    private final ApplicationContext context;
    private final JsonMapper json;
    private final AnalyticsProperties.Live settings;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor senders;
    private volatile String publishedVersion;

    LiveHotspots(HotspotsReader reader, JsonMapper json, AnalyticsProperties properties, MeterRegistry registry,
            ApplicationContext context) {
        this.reader = reader;
        this.context = context;
        this.json = json;
        this.settings = properties.live();
        AtomicInteger threads = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(settings.senderThreads(), settings.senderThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.maxClients() * 2), runnable -> {
                    Thread thread = new Thread(runnable, "dashboard-sse-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        Gauge.builder("pmo.dashboard.clients", streams, Set::size)
                .description("Live dashboard streams open on this instance")
                .register(registry);
    }

    /** Opens a stream that starts with the current hotspots. */
    SseEmitter open() {
        if (streams.size() >= settings.maxClients()) {
            throw ApiException.tooManyStreams();
        }
        SseEmitter emitter = new SseEmitter(settings.clientTimeout().toMillis());
        Stream stream = new Stream(emitter);
        streams.add(stream);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(stream::close);
        emitter.onError(error -> streams.remove(stream));
        HotspotsReader.Moment moment = reader.now();
        stream.offerFirst(moment.version(), hotspotsJson(moment));
        return emitter;
    }

    @Scheduled(fixedDelayString = AnalyticsProperties.Live.POLL_INTERVAL)
    void publishChanges() {
        if (streams.isEmpty()) {
            return;
        }
        try {
            HotspotsReader.Moment moment = reader.now();
            String version = moment.version();
            if (version.equals(publishedVersion)) {
                return;
            }
            String hotspots = hotspotsJson(moment);
            publishedVersion = version;
            streams.forEach(stream -> stream.offer(version, hotspots));
        } catch (DataAccessException storeUnavailable) {
            log.debug("Cannot read the counts for the live streams now", storeUnavailable);
        }
    }

    @Scheduled(fixedDelayString = "${pmo.analytics.live.heartbeat:15s}")
    void heartbeat() {
        streams.forEach(Stream::heartbeat);
    }

    /** Ends every stream before the server shuts down, so no open stream holds up a graceful shutdown. */
    @EventListener
    void closeAll(ContextClosedEvent closed) {
        // Child contexts (the binder's) publish their closing here too; only this context's own ends the streams.
        if (closed.getApplicationContext() == context) {
            streams.forEach(Stream::close);
            senders.shutdown();
        }
    }

    private String hotspotsJson(HotspotsReader.Moment moment) {
        return json.writeValueAsString(reader.unfiltered(moment));
    }

    /** One client: its emitter and the latest hotspots it has yet to receive. */
    private final class Stream {

        private final SseEmitter emitter;
        private final AtomicReference<String> pending = new AtomicReference<>();
        private final AtomicBoolean sending = new AtomicBoolean();
        private volatile boolean first = true;
        private String offeredVersion;

        Stream(SseEmitter emitter) {
            this.emitter = emitter;
        }

        /**
         * The hotspots read when the client connected, unless a poll got here first: then that poll's, or
         * the next poll's if those were older, are at most one poll interval behind.
         */
        synchronized void offerFirst(String version, String hotspots) {
            if (offeredVersion == null) {
                offer(version, hotspots);
            }
        }

        /**
         * Replaces whatever the client has not received yet: only the latest hotspots matter. A version the
         * client already has is not sent again.
         */
        synchronized void offer(String version, String hotspots) {
            if (version.equals(offeredVersion)) {
                return;
            }
            offeredVersion = version;
            pending.set(hotspots);
            schedule();
        }

        void heartbeat() {
            submit(() -> send(SseEmitter.event().comment("heartbeat")));
        }

        void close() {
            streams.remove(this);
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyCompleted) {
                log.trace("Stream already completed", alreadyCompleted);
            }
        }

        private void schedule() {
            if (sending.compareAndSet(false, true)) {
                submit(this::drain);
            }
        }

        private void drain() {
            try {
                String hotspots;
                while ((hotspots = pending.getAndSet(null)) != null) {
                    SseEmitter.SseEventBuilder event = SseEmitter.event().name(EVENT_NAME).data(hotspots);
                    if (first) {
                        event.reconnectTime(RECONNECT_MILLIS);
                        first = false;
                    }
                    if (!send(event)) {
                        return;
                    }
                }
            } finally {
                sending.set(false);
                if (pending.get() != null && streams.contains(this)) {
                    schedule();
                }
            }
        }

        private boolean send(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
                return true;
            } catch (IOException | IllegalStateException gone) {
                // The client went away: forget it now rather than at the container's next error callback.
                streams.remove(this);
                try {
                    emitter.completeWithError(gone);
                } catch (IllegalStateException alreadyCompleted) {
                    log.trace("Stream already completed", alreadyCompleted);
                }
                return false;
            }
        }

        private void submit(Runnable task) {
            try {
                senders.execute(task);
            } catch (RejectedExecutionException overloaded) {
                close();
            }
        }
    }
}
