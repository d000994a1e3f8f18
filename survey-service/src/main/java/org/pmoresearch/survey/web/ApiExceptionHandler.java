package org.pmoresearch.survey.web;

import org.pmoresearch.survey.messaging.BrokerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Every error as RFC 9457 problem+json. The framework's own 4xx (unknown path, wrong method,
 * unsupported media type, ...) come from {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    /** How long a client should wait before retrying a 503: a broker fail-over or a catalogue catch-up takes seconds. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    static final int MAX_REPORTED_ERRORS = 100;

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final String PROBLEM_TYPE_PREFIX = "urn:pmoresearch:problem:";
    private static final String ERRORS = "errors";

    private final ResponseMetrics metrics;

    ApiExceptionHandler(ResponseMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler(RejectedRequestException.class)
    ResponseEntity<ProblemDetail> rejected(RejectedRequestException e) {
        metrics.rejected(e.reason());
        ProblemDetail problem = problem(e.status(), e.reason(), e.getMessage());
        // A 64 KB body can carry thousands of unknown members; the first hundred make the point.
        problem.setProperty(ERRORS, e.violations().stream()
                .limit(MAX_REPORTED_ERRORS)
                .map(violation -> new FieldError(violation.field(), violation.reason()))
                .toList());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        e.retryAfter().ifPresent(delay -> response.header(HttpHeaders.RETRY_AFTER, wholeSecondsRoundedUp(delay)));
        return response.body(problem);
    }

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException e) {
        log.warn("Answering 503: {} ({})", e.getMessage(), NestedExceptionUtils.getMostSpecificCause(e).toString());
        metrics.rejected(RejectionReason.BROKER_UNAVAILABLE);
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, RejectionReason.BROKER_UNAVAILABLE,
                "Kafka did not confirm the event in time; it may still have been recorded. Retry with the same"
                        + " Idempotency-Key: the response is counted once whichever happened.");
        problem.setProperty(ERRORS, List.of());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds())
                .body(problem);
    }

    @ExceptionHandler(SurveyUnavailableException.class)
    ResponseEntity<ProblemDetail> surveyUnavailable(SurveyUnavailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create(PROBLEM_TYPE_PREFIX + "catalogue-unavailable"));
        problem.setTitle("Survey not available yet");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds())
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Only POST /api/responses consumes a body.
        metrics.rejected(RejectionReason.UNSUPPORTED_MEDIA_TYPE);
        ex.getBody().setProperty(ERRORS, List.of(new FieldError(HttpHeaders.CONTENT_TYPE, "must be application/json")));
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    private static ProblemDetail problem(HttpStatus status, RejectionReason reason, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEM_TYPE_PREFIX + reason.tag()));
        problem.setTitle(reason.title());
        return problem;
    }

    private static String retryAfterSeconds() {
        return wholeSecondsRoundedUp(RETRY_AFTER);
    }

    /** Retry-After takes whole seconds; rounding down would send a client back before it may succeed. */
    private static String wholeSecondsRoundedUp(Duration delay) {
        long seconds = delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0);
        return Long.toString(Math.max(1, seconds));
    }
}
