package org.pmoresearch.export.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * How long exports take, how large they are, how many fail, and how the public workbook cache serves; tagged by
 * workbook: public, personal, admin-xlsx, admin-csv.
 */
@Component
public class ExportMetrics {

    static final String PUBLIC = "public";
    static final String PERSONAL = "personal";
    static final String ADMIN_XLSX = "admin-xlsx";
    static final String ADMIN_CSV = "admin-csv";

    private static final Logger log = LoggerFactory.getLogger(ExportMetrics.class);

    private final MeterRegistry registry;

    public ExportMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every workbook kind is served from the start (at zero), so alerts and dashboards can rely on the series.
        for (String workbook : new String[] {PUBLIC, PERSONAL, ADMIN_XLSX, ADMIN_CSV}) {
            failures(workbook);
        }
    }

    public Timer.Sample startTimer() {
        return Timer.start(registry);
    }

    /**
     * Wraps a download so that its duration and size are recorded when the last byte is written, and a failure
     * (analytics gone mid-stream, the client gone) is counted and logged.
     */
    public StreamingResponseBody measured(String workbook, Timer.Sample sample, StreamingResponseBody body) {
        return out -> {
            ByteCountingOutputStream counted = new ByteCountingOutputStream(out);
            try {
                body.writeTo(counted);
            } catch (IOException | RuntimeException e) {
                recordFailure(workbook);
                log.warn("{} workbook cut off after {} bytes: {}", workbook, counted.bytesWritten, e.toString());
                throw e;
            }
            recordSuccess(workbook, sample, counted.bytesWritten);
        };
    }

    public void recordFailure(String workbook) {
        failures(workbook).increment();
    }

    private Counter failures(String workbook) {
        return Counter.builder("pmo.exports.failures")
                .description("Workbook requests that could not be served or were cut off while streaming")
                .tag("workbook", workbook)
                .register(registry);
    }

    /** @param outcome hit, miss (this request built it) or not-modified (answered 304) */
    public void recordPublicCache(String outcome) {
        Counter.builder("pmo.exports.cache")
                .description("Public workbook requests by how the cache served them")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private void recordSuccess(String workbook, Timer.Sample sample, long bytes) {
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

    private static final class ByteCountingOutputStream extends FilterOutputStream {

        private long bytesWritten;

        private ByteCountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytesWritten++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            bytesWritten += length;
        }
    }
}
