package org.pmoresearch.analytics.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** The counting pipeline's meters. Outcomes are recorded only once their counts are stored. */
@Component
class CountingMetrics {

    private final MeterRegistry registry;
    private final Counter counted;
    private final Counter duplicate;
    private final Counter withdrawn;
    private final Timer countsWrite;
    private final Timer pipelineLatency;
    private final Counter rereads;

    CountingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.counted = Counter.builder("pmo.events.counted")
                .description("Responses that entered the counts").register(registry);
        this.duplicate = Counter.builder("pmo.events.duplicate")
                .description("Submissions of an already known responseId, not counted again").register(registry);
        this.withdrawn = Counter.builder("pmo.events.withdrawn")
                .description("Responses that left the counts").register(registry);
        this.countsWrite = Timer.builder("pmo.counts.write")
                .description("The single-document write of a partition's counts").register(registry);
        this.pipelineLatency = Timer.builder("pmo.pipeline.latency")
                .description("From submission to the response being in the stored counts").register(registry);
        this.rereads = Counter.builder("pmo.consumer.rereads")
                .description("Partitions read again from their stored offset because a batch skipped records")
                .register(registry);
        // Every reason is served from the start (at zero), so alerts and dashboards can rely on the series.
        for (PoisonReason reason : PoisonReason.values()) {
            deadLetteredCounter(reason);
        }
    }

    void recordStored(PartitionOutcomes outcomes) {
        counted.increment(outcomes.counted());
        duplicate.increment(outcomes.duplicates());
        withdrawn.increment(outcomes.withdrawn());
        Instant now = Instant.now();
        outcomes.countedSubmissionTimes().forEach(submittedAt -> pipelineLatency.record(Duration.between(submittedAt, now)));
    }

    <T> T timeCountsWrite(Supplier<T> write) {
        return countsWrite.record(write);
    }

    void recordsMissing() {
        rereads.increment();
    }

    void deadLettered(PoisonReason reason) {
        deadLetteredCounter(reason).increment();
    }

    private Counter deadLetteredCounter(PoisonReason reason) {
        return Counter.builder("pmo.events.dead-lettered")
                .description("Records published to the DLQ instead of being applied")
                .tag("reason", reason.tag())
                .register(registry);
    }
}
