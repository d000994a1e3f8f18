package org.pmoresearch.survey.web;

import jakarta.servlet.http.HttpServletRequest;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.pmoresearch.survey.domain.FieldViolation;
import org.pmoresearch.survey.domain.ReportTokens;
import org.pmoresearch.survey.domain.ResponseIds;
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

    private final SubmissionRequestParser parser;
    private final CatalogueRegistry catalogues;
    private final ResponseEventPublisher publisher;
    private final ReportTokens reportTokens;
    private final ResponseMetrics metrics;

    ResponseController(SubmissionRequestParser parser, CatalogueRegistry catalogues, ResponseEventPublisher publisher,
            ReportTokens reportTokens, ResponseMetrics metrics) {
        this.parser = parser;
        this.catalogues = catalogues;
        this.publisher = publisher;
        this.reportTokens = reportTokens;
        this.metrics = metrics;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubmissionReceipt> submit(
            @RequestHeader(name = SubmissionRequestParser.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            HttpServletRequest request) throws IOException {
        byte[] body = LimitedBodyReader.read(request, MAX_BODY_BYTES);
        if (catalogues.isEmpty()) {
            // Just started and still reading the catalogue topic: the client's version is probably fine.
            throw RejectedRequestException.catalogueUnavailable();
        }
        SubmissionRequestParser.ParsedSubmission parsed = parser.parse(idempotencyKey, body);
        publisher.publishSubmitted(parsed.responseId(), parsed.submission());
        metrics.accepted();
        return ResponseEntity.accepted()
                .cacheControl(CacheControl.noStore())
                .body(new SubmissionReceipt(parsed.responseId().toString(), reportTokens.issue(parsed.responseId())));
    }

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
}
