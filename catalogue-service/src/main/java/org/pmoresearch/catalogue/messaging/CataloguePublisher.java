package org.pmoresearch.catalogue.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.pmoresearch.catalogue.config.CatalogueProperties;
import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.EventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes stored versions that Kafka has not acknowledged yet, oldest first, and marks each one
 * acknowledged only after the broker has acked it. The binding is synchronous, so a send returns after the ack
 * or throws; a version stored while the broker is down stays unacknowledged until a later run publishes it.
 */
@Component
public class CataloguePublisher {

    private static final String BINDING = "catalogue-out-0";
    /** The first retry after a failed run; each later one waits twice as long, up to the periodic interval. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(CataloguePublisher.class);

    private final CatalogueVersionStore store;
    private final StreamBridge streamBridge;
    private final JsonMapper jsonMapper;
    private final Counter published;
    private final Counter failures;
    private final TaskScheduler scheduler;
    private final AtomicInteger currentVersion = new AtomicInteger();
    private final Duration longestRetry;
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    /** Guarded by this. */
    private Duration nextRetry = FIRST_RETRY;

    public CataloguePublisher(CatalogueVersionStore store, StreamBridge streamBridge, JsonMapper jsonMapper,
                              TaskScheduler scheduler, MeterRegistry meterRegistry, CatalogueProperties properties) {
        this.store = store;
        this.streamBridge = streamBridge;
        this.jsonMapper = jsonMapper;
        this.scheduler = scheduler;
        this.longestRetry = properties.publishRetryInterval();
        this.published = Counter.builder("pmo.catalogue.published")
                .description("Catalogue versions whose CataloguePublished event Kafka acknowledged")
                .register(meterRegistry);
        this.failures = Counter.builder("pmo.catalogue.publish.failures")
                .description("Attempts to publish a catalogue version that Kafka did not acknowledge")
                .register(meterRegistry);
        Gauge.builder("pmo.catalogue.version.current", currentVersion, AtomicInteger::get)
                .description("Latest catalogue version acknowledged by Kafka (0 before the first)")
                .register(meterRegistry);
    }

    /**
     * Publishes the outstanding versions on the scheduler's thread, so that whoever just stored a version (an HTTP
     * request) does not wait for Kafka; a failure is retried as {@link #publishOutstanding()} says.
     */
    public void publishSoon() {
        scheduler.schedule(this::publishOutstanding, Instant.now());
    }

    /**
     * Publishes every unacknowledged version in version order, stopping at the first failure so that
     * consumers never see a version before the ones that precede it. Never throws: a failure is logged
     * and retried after 1 s, then 2 s, 4 s and so on up to the periodic interval, so that a version whose
     * first attempt failed (the producer's binding not yet created while the machine is busy starting, a
     * short broker outage) reaches the survey within seconds of the broker being able to take it.
     */
    public synchronized void publishOutstanding() {
        try {
            for (CatalogueVersion version : store.findUnacknowledged()) {
                publish(version);
            }
            store.findLatestAcknowledgedVersion().ifPresent(currentVersion::set);
            nextRetry = FIRST_RETRY;
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("Could not publish the outstanding catalogue versions; will retry{}: {}", retrySoon(),
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
        }
    }

    /** @return when, for the log: " in 2S" for the retry scheduled now, empty when one is already pending */
    private String retrySoon() {
        if (!retryScheduled.compareAndSet(false, true)) {
            return "";
        }
        Duration delay = nextRetry;
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(longestRetry) < 0 ? doubled : longestRetry;
        scheduler.schedule(() -> {
            retryScheduled.set(false);
            publishOutstanding();
        }, Instant.now().plus(delay));
        return " in " + delay;
    }

    private void publish(CatalogueVersion version) {
        if (!streamBridge.send(BINDING, toMessage(version.toEvent()))) {
            throw new IllegalStateException("Binding " + BINDING + " refused catalogue version " + version.version());
        }
        published.increment();
        // A crash before this write republishes the version later: harmless, as its content and event id are fixed.
        store.markAcknowledged(version.version());
        currentVersion.accumulateAndGet(version.version(), Math::max);
        log.info("Published catalogue version {} (event {})", version.version(), version.eventId());
    }

    private Message<byte[]> toMessage(CataloguePublished event) {
        return MessageBuilder.withPayload(jsonMapper.writeValueAsBytes(event))
                .setHeader(KafkaHeaders.KEY, Integer.toString(event.version()).getBytes(StandardCharsets.UTF_8))
                .setHeader(EventHeaders.EVENT_TYPE, CataloguePublished.class.getSimpleName())
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .build();
    }
}
