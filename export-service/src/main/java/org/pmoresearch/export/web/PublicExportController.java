package org.pmoresearch.export.web;

import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.ProfileDimensions;
import org.pmoresearch.export.domain.SegmentFilter;
import org.pmoresearch.export.store.SingleFlightCache;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;
import java.util.Set;

/** The public workbook download, for everyone or one segment. */
@RestController
public class PublicExportController {

    private final PublicWorkbooks workbooks;
    private final ProfileDimensions dimensions;
    private final ExportMetrics metrics;

    public PublicExportController(PublicWorkbooks workbooks, ProfileDimensions dimensions, ExportMetrics metrics) {
        this.workbooks = workbooks;
        this.dimensions = dimensions;
        this.metrics = metrics;
    }

    @Operation(summary = "The PMO services workbook",
            description = "Sheets About, Services & tasks, Hotspots and By segment. At most one profile dimension as a "
                    + "query parameter (e.g. ?pmoType=enterprise) gives that segment's workbook, with small cells "
                    + "suppressed. Answers carry a weak ETag; If-None-Match with it answers 304 while nothing changed.")
    @GetMapping("/api/exports/pmo-services.xlsx")
    public ResponseEntity<StreamingResponseBody> servicesWorkbook(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Timer.Sample sample = metrics.startTimer();
        List<SegmentFilter> filters = dimensions.filters(parameters, Set.of(), 1);
        PublicWorkbooks.Edition edition;
        SingleFlightCache.Lookup<PublicWorkbooks.PublicWorkbook> lookup;
        try {
            edition = workbooks.current(filters.isEmpty() ? null : filters.get(0));
            if (matchesAny(ifNoneMatch, edition.etag())) {
                metrics.recordPublicCache("not-modified");
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(edition.etag()).cacheControl(CacheControl.noCache()).build();
            }
            lookup = workbooks.workbook(edition);
        } catch (ExportUnavailableException e) {
            metrics.recordFailure(ExportMetrics.PUBLIC);
            throw e;
        }
        metrics.recordPublicCache(lookup.built() ? "miss" : "hit");
        byte[] bytes = lookup.value().bytes();
        return ResponseEntity.ok()
                .contentType(Downloads.XLSX)
                .contentLength(bytes.length)
                .eTag(edition.etag())
                // Always revalidate: the figures change with every response, and a 304 costs almost nothing.
                .cacheControl(CacheControl.noCache())
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment("pmo-services", filters, "xlsx"))
                .body(metrics.measured(ExportMetrics.PUBLIC, sample, out -> out.write(bytes)));
    }

    /** If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ prefixes are ignored. */
    private static boolean matchesAny(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
