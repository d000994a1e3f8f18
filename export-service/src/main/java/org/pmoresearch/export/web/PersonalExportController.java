package org.pmoresearch.export.web;

import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.export.config.ExportProperties;
import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.InvalidParameterException;
import org.pmoresearch.export.domain.ParameterProblem;
import org.pmoresearch.export.domain.PersonalComparison;
import org.pmoresearch.export.domain.PersonalResponse;
import org.pmoresearch.export.domain.PersonalWorkbookWriter;
import org.pmoresearch.export.domain.PublicFigures;
import org.pmoresearch.export.domain.WrongReportTokenException;
import org.pmoresearch.export.messaging.AnalyticsClient;
import org.pmoresearch.export.store.CatalogueVersions;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** A respondent's own workbook, for the holder of the report token survey-service issued with the response. */
@RestController
public class PersonalExportController {

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String TOKEN = "token";

    private final ReportTokens reportTokens;
    private final AnalyticsClient analytics;
    private final CatalogueVersions catalogues;
    private final PublicWorkbooks publicWorkbooks;
    private final PersonalWorkbookWriter writer;
    private final ExportProperties properties;
    private final ExportMetrics metrics;

    public PersonalExportController(ReportTokens reportTokens, AnalyticsClient analytics, CatalogueVersions catalogues,
                                    PublicWorkbooks publicWorkbooks, PersonalWorkbookWriter writer,
                                    ExportProperties properties, ExportMetrics metrics) {
        this.reportTokens = reportTokens;
        this.analytics = analytics;
        this.catalogues = catalogues;
        this.publicWorkbooks = publicWorkbooks;
        this.writer = writer;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Operation(summary = "A respondent's own workbook",
            description = "Sheet Your PMO (every area and task, a tick for what they do, the community's share, gaps "
                    + "highlighted, the missing tasks worth developing next), then the public sheets. 400 when the id "
                    + "is not a UUID, 403 when the token does not match, 404 (with Retry-After) while the response is "
                    + "not counted yet, 410 once it was withdrawn.")
    @GetMapping("/api/exports/responses/{responseId}.xlsx")
    public ResponseEntity<StreamingResponseBody> personalWorkbook(
            @PathVariable String responseId,
            @Parameter(description = "the report token survey-service returned with the response") @RequestParam(name = TOKEN, required = false) String token,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        Timer.Sample sample = metrics.startTimer();
        UUID id = parse(responseId, parameters);
        // Checked here, before analytics is asked anything: a guessed id costs analytics nothing.
        if (!reportTokens.matches(id, token)) {
            throw new WrongReportTokenException();
        }
        PersonalResponse response;
        PublicFigures figures;
        try {
            response = analytics.fetchResponse(id, token);
            figures = publicWorkbooks.workbook(publicWorkbooks.current(null)).value().figures();
        } catch (ExportUnavailableException e) {
            metrics.recordFailure(ExportMetrics.PERSONAL);
            throw e;
        }
        CataloguePublished answered = catalogues.version(response.catalogueVersion()).orElse(null);
        PersonalComparison comparison = PersonalComparison.compare(figures.catalogue(), answered, response, figures.hotspots(),
                properties.gapThresholdPercent() / 100, properties.worthDevelopingNextSize());
        return ResponseEntity.ok()
                .contentType(Downloads.XLSX)
                // A respondent's own answers: no shared cache may keep them.
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment("your-pmo-services", List.of(), "xlsx"))
                .body(metrics.measured(ExportMetrics.PERSONAL, sample,
                        out -> writer.write(response, comparison, figures, properties.gapThresholdPercent(), out)));
    }

    private static UUID parse(String responseId, MultiValueMap<String, String> parameters) {
        List<ParameterProblem> problems = new ArrayList<>();
        if (!CANONICAL_UUID.matcher(responseId).matches()) {
            problems.add(new ParameterProblem("responseId", "must be a UUID such as 3f2b8c1e-7d4a-4e9b-9c3f-2a1b0c9d8e7f"));
        }
        parameters.keySet().stream()
                .filter(name -> !name.equals(TOKEN))
                .forEach(name -> problems.add(new ParameterProblem(name, "not a parameter of the personal workbook; only token is")));
        if (!problems.isEmpty()) {
            throw new InvalidParameterException("The request for a personal workbook is not valid.", problems);
        }
        return UUID.fromString(responseId);
    }
}
