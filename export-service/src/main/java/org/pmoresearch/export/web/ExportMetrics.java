package org.pmoresearch.export.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** How long exports take, how large they are, and how many fail; tagged by workbook. */
@Component
public class ExportMetrics {

    private final MeterRegistry registry;

    public ExportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public Timer.Sample startTimer() {
        return Timer.start(registry);
    }

    public void recordSuccess(String workbook, Timer.Sample sample, long bytes) {
        sample.stop(Timer.builder("pmo.exports.duration")
                .description("Time from request to the last byte of a workbook")
                .tag("workbook", workbook)
                .register(registry));
        DistributionSummary.builder("pmo.exports.size")
                .description("Size of a written workbook")
                .baseUnit("bytes")
                .tag("workbook", workbook)
                .register(registry)
                .record(bytes);
    }

    public void recordFailure(String workbook) {
        Counter.builder("pmo.exports.failures")
                .description("Workbook requests that could not be served or were cut off while streaming")
                .tag("workbook", workbook)
                .register(registry)
                .increment();
    }
}
