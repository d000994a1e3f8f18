package org.pmoresearch.export.web;

import io.micrometer.core.instrument.Timer;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.Hotspots;
import org.pmoresearch.export.domain.ServicesWorkbookWriter;
import org.pmoresearch.export.messaging.AnalyticsHotspotsClient;
import org.pmoresearch.export.store.CatalogueVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The public workbook download. */
@RestController
public class ExportController {

    private static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final String PUBLIC_WORKBOOK = "public";

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);

    private final CatalogueVersions catalogues;
    private final AnalyticsHotspotsClient analytics;
    private final ServicesWorkbookWriter workbookWriter;
    private final ExportMetrics metrics;

    public ExportController(CatalogueVersions catalogues, AnalyticsHotspotsClient analytics,
                            ServicesWorkbookWriter workbookWriter, ExportMetrics metrics) {
        this.catalogues = catalogues;
        this.analytics = analytics;
        this.workbookWriter = workbookWriter;
        this.metrics = metrics;
    }

    /**
     * Everything that can fail for a reason the client should hear about is settled before the first byte,
     * so those failures still get a proper status; after that the workbook streams straight to the client.
     */
    @GetMapping("/api/exports/pmo-services.xlsx")
    public ResponseEntity<StreamingResponseBody> servicesWorkbook() {
        Timer.Sample sample = metrics.startTimer();
        CataloguePublished catalogue;
        Hotspots hotspots;
        try {
            catalogue = catalogues.latest()
                    .orElseThrow(() -> new ExportUnavailableException("No catalogue has been published yet."));
            hotspots = analytics.fetchHotspots();
        } catch (ExportUnavailableException e) {
            metrics.recordFailure(PUBLIC_WORKBOOK);
            throw e;
        }
        StreamingResponseBody body = out -> {
            ByteCountingOutputStream counted = new ByteCountingOutputStream(out);
            try {
                workbookWriter.write(catalogue, hotspots, counted);
            } catch (IOException | RuntimeException e) {
                metrics.recordFailure(PUBLIC_WORKBOOK);
                log.warn("Public workbook cut off after {} bytes: {}", counted.bytesWritten, e.toString());
                throw e;
            }
            metrics.recordSuccess(PUBLIC_WORKBOOK, sample, counted.bytesWritten);
        };
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("pmo-services.xlsx").build().toString())
                .body(body);
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
