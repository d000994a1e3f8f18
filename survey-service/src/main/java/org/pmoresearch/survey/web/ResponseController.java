package org.pmoresearch.survey.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.pmoresearch.contracts.ReportTokens;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.pmoresearch.survey.domain.FieldViolation;
import org.pmoresearch.survey.domain.ResponseIds;
import org.pmoresearch.survey.domain.SurveyWindow;
import org.pmoresearch.survey.messaging.ResponseEventPublisher;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Accepts and withdraws responses. Both answer 202 only after Kafka acknowledged the event;
 * nothing is kept here, Kafka is the record.
 */
@RestController
@RequestMapping("/api/responses")
class ResponseController {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String REPORT_TOKEN = "X-Report-Token";

    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final SubmissionRequestParser parser;
    private final CatalogueRegistry catalogues;
    private final ResponseEventPublisher publisher;
    private final ReportTokens reportTokens;
    private final SurveyWindow window;
    private final ResponseMetrics metrics;

    ResponseController(SubmissionRequestParser parser, CatalogueRegistry catalogues, ResponseEventPublisher publisher,
            ReportTokens reportTokens, SurveyWindow window, ResponseMetrics metrics) {
        this.parser = parser;
        this.catalogues = catalogues;
        this.publisher = publisher;
        this.reportTokens = reportTokens;
        this.window = window;
        this.metrics = metrics;
    }

    @Operation(summary = "Submit a response",
            description = "Header Idempotency-Key: a UUID the client chooses once and reuses on every retry; it becomes "
                    + "the responseId. Any version is accepted; time-ordered ones (version 7) are preferred, as the "
                    + "stores then add each response at the end of their responseId order. Answered 202 only after "
                    + "Kafka acknowledged the event.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                            {"catalogueVersion": 1,
                             "profile": {"pmoType": "enterprise", "role": "pmo-manager"},
                             "selections": {"risk-management": ["risk-register"], "secretariat": []},
                             "otherServices": "Benefits coaching"}"""))),
            responses = {
                    @ApiResponse(responseCode = "202", description = "Recorded; the receipt carries the report token"),
                    @ApiResponse(responseCode = "400", description = "Invalid body or Idempotency-Key; errors name the fields",
                            content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "410", description = "The survey is not open, closed or full",
                            content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "413", description = "Body over 64 KB", content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "415", description = "Not application/json", content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "429", description = "Rate limit of the client address; see Retry-After",
                            content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "503", description = "Kafka did not confirm in time (the response may still"
                            + " have been written: retry with the same Idempotency-Key), or no catalogue yet; see Retry-After",
                            content = @Content(mediaType = PROBLEM_JSON))})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmissionReceipt> submit(
            @RequestHeader(name = SubmissionRequestParser.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest request) throws IOException {
        rejectUnlessOpen(window.state());
        byte[] body = LimitedBodyReader.read(request, MAX_BODY_BYTES);
        if (catalogues.isEmpty()) {
            // Just started and still reading the catalogue topic: the client's version is probably fine.
            throw RejectedRequestException.catalogueUnavailable();
        }
        SubmissionRequestParser.ParsedSubmission parsed = parser.parse(idempotencyKey, body);
        rejectUnlessOpen(window.takePlace());
        try {
            publisher.publishSubmitted(parsed.responseId(), parsed.submission());
        }
        catch (RuntimeException e) {
            window.releasePlace();
            throw e;
        }
        metrics.accepted();
        return ResponseEntity.accepted()
                .cacheControl(CacheControl.noStore())
                .body(new SubmissionReceipt(parsed.responseId().toString(), reportTokens.issue(parsed.responseId())));
    }

    @Operation(summary = "Withdraw a response",
            description = "Header X-Report-Token: the reportToken of the submission's 202. Publishes SurveyResponseWithdrawn; "
                    + "accepted whether or not the survey is still open.",
            responses = {
                    @ApiResponse(responseCode = "202", description = "Withdrawal recorded"),
                    @ApiResponse(responseCode = "400", description = "The path does not hold a UUID",
                            content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "403", description = "Missing or wrong report token",
                            content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "429", description = "Rate limit of the client address; see Retry-After",
                            content = @Content(mediaType = PROBLEM_JSON)),
                    @ApiResponse(responseCode = "503", description = "Kafka did not confirm in time (the withdrawal may"
                            + " still have been written: retrying it is safe); see Retry-After",
                            content = @Content(mediaType = PROBLEM_JSON))})
    @PostMapping("/{responseId}/withdraw")
    ResponseEntity<WithdrawalReceipt> withdraw(@PathVariable String responseId,
            @RequestHeader(name = REPORT_TOKEN, required = false) String reportToken) {
        UUID id = ResponseIds.parse(responseId).orElseThrow(() -> RejectedRequestException.badRequest(
                RejectionReason.VALIDATION, "The response id in the path is not a UUID.",
                List.of(FieldViolation.invalid("responseId", "must be a UUID"))));
        if (!reportTokens.matches(id, reportToken)) {
            throw RejectedRequestException.forbidden();
        }
        publisher.publishWithdrawn(id);
        metrics.withdrawn();
        return ResponseEntity.accepted().body(new WithdrawalReceipt(id.toString(), true));
    }

    private void rejectUnlessOpen(SurveyWindow.State state) {
        if (state == SurveyWindow.State.NOT_YET_OPEN) {
            throw RejectedRequestException.notYetOpen(window.opensAt());
        }
        if (state == SurveyWindow.State.CLOSED) {
            throw RejectedRequestException.closed(window.closesAt());
        }
        if (state == SurveyWindow.State.CAP_REACHED) {
            throw RejectedRequestException.capReached();
        }
    }
}
