package org.pmoresearch.export.web;

import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.export.config.ExportProperties;
import org.pmoresearch.export.config.OpenApiConfig;
import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.ProfileDimensions;
import org.pmoresearch.export.domain.ResponsePage;
import org.pmoresearch.export.domain.ResponsePages;
import org.pmoresearch.export.domain.ResponseTable;
import org.pmoresearch.export.domain.ResponsesCsvWriter;
import org.pmoresearch.export.domain.ResponsesWorkbookWriter;
import org.pmoresearch.export.domain.SegmentFilter;
import org.pmoresearch.export.messaging.AnalyticsClient;
import org.pmoresearch.export.messaging.PagePrefetcher;
import org.pmoresearch.export.store.CatalogueVersions;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;
import java.util.Set;

/**
 * The admin exports: one row per response, streamed page by page from analytics, never all in memory. The admin's
 * credentials were checked here by Spring Security and travel on to analytics, which checks them again.
 */
@RestController
@SecurityRequirement(name = OpenApiConfig.ADMIN_SECURITY_SCHEME)
public class AdminExportController {

    private static final String BASE_NAME = "pmo-responses";

    private final CatalogueVersions catalogues;
    private final AnalyticsClient analytics;
    private final ProfileDimensions dimensions;
    private final ResponsesWorkbookWriter workbookWriter;
    private final ResponsesCsvWriter csvWriter;
    private final ExportProperties properties;
    private final ExportMetrics metrics;
    private final PagePrefetcher prefetcher;

    public AdminExportController(CatalogueVersions catalogues, AnalyticsClient analytics, ProfileDimensions dimensions,
                                 ResponsesWorkbookWriter workbookWriter, ResponsesCsvWriter csvWriter,
                                 ExportProperties properties, ExportMetrics metrics, PagePrefetcher prefetcher) {
        this.catalogues = catalogues;
        this.analytics = analytics;
        this.dimensions = dimensions;
        this.workbookWriter = workbookWriter;
        this.csvWriter = csvWriter;
        this.properties = properties;
        this.metrics = metrics;
        this.prefetcher = prefetcher;
    }

    @Operation(summary = "Every response as xlsx (admin)",
            description = "One row per response: response id, submission time, catalogue version, the profile answers, "
                    + "then one 1/0 column per task of the latest catalogue (row 1: ids, row 2: names). Any number of "
                    + "profile dimensions as query parameters (e.g. ?pmoType=enterprise&region=europe) narrow it down.")
    @GetMapping("/api/exports/responses.xlsx")
    public ResponseEntity<StreamingResponseBody> responsesWorkbook(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Timer.Sample sample = metrics.startTimer();
        List<SegmentFilter> filters = dimensions.filters(parameters, Set.of(), Integer.MAX_VALUE);
        Export export = prepare(filters, authorization, ExportMetrics.ADMIN_XLSX);
        return download(Downloads.XLSX, filters, "xlsx",
                metrics.measured(ExportMetrics.ADMIN_XLSX, sample, out -> workbookWriter.write(export.table(), export.pages(), out)));
    }

    @Operation(summary = "Every response as CSV (admin)",
            description = "The same columns as the xlsx with a single header row of ids; RFC 4180, UTF-8. Text that "
                    + "starts with = + - @ gets a leading ' so that spreadsheets do not run it as a formula.")
    @GetMapping("/api/exports/responses.csv")
    public ResponseEntity<StreamingResponseBody> responsesCsv(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Timer.Sample sample = metrics.startTimer();
        List<SegmentFilter> filters = dimensions.filters(parameters, Set.of(), Integer.MAX_VALUE);
        Export export = prepare(filters, authorization, ExportMetrics.ADMIN_CSV);
        return download(Downloads.CSV, filters, "csv",
                metrics.measured(ExportMetrics.ADMIN_CSV, sample, out -> csvWriter.write(export.table(), export.pages(), out)));
    }

    private record Export(ResponseTable table, ResponsePages pages) {
    }

    /**
     * Everything that can be refused is settled before the first byte, the first page included, so a refusal still
     * gets a proper status; the following pages are fetched while the download streams, each while the one before
     * it is written.
     */
    private Export prepare(List<SegmentFilter> filters, String authorization, String workbook) {
        try {
            CataloguePublished catalogue = catalogues.latest()
                    .orElseThrow(() -> new ExportUnavailableException("No catalogue has been published yet."));
            int pageSize = properties.adminPageSize();
            ResponsePage first = analytics.fetchResponses(null, pageSize, filters, authorization);
            return new Export(new ResponseTable(catalogue, dimensions), new ResponsePages(first,
                    cursor -> analytics.fetchResponses(cursor, pageSize, filters, authorization), prefetcher.executor()));
        } catch (ExportUnavailableException e) {
            metrics.recordFailure(workbook);
            throw e;
        }
    }

    private static ResponseEntity<StreamingResponseBody> download(MediaType type, List<SegmentFilter> filters, String extension,
                                                                  StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(BASE_NAME, filters, extension))
                .body(body);
    }
}
