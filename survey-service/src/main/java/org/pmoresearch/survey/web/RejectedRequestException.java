package org.pmoresearch.survey.web;

import org.pmoresearch.survey.domain.FieldViolation;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A response or withdrawal request turned down with a 4xx (or 503 while no catalogue is loaded). */
class RejectedRequestException extends RuntimeException {

    private final HttpStatus status;
    private final RejectionReason reason;
    private final List<FieldViolation> violations;
    private final Duration retryAfter;

    private RejectedRequestException(HttpStatus status, RejectionReason reason, String detail,
            List<FieldViolation> violations, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.reason = reason;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    private RejectedRequestException(HttpStatus status, RejectionReason reason, String detail) {
        this(status, reason, detail, List.of(), null);
    }

    static RejectedRequestException badRequest(RejectionReason reason, String detail, List<FieldViolation> violations) {
        return new RejectedRequestException(HttpStatus.BAD_REQUEST, reason, detail, violations, null);
    }

    static RejectedRequestException tooLarge(int maxBytes) {
        return new RejectedRequestException(HttpStatus.CONTENT_TOO_LARGE, RejectionReason.TOO_LARGE,
                "The request body must not exceed " + maxBytes + " bytes.",
                List.of(FieldViolation.invalid("$", "must not exceed " + maxBytes + " bytes")), null);
    }

    static RejectedRequestException forbidden() {
        return new RejectedRequestException(HttpStatus.FORBIDDEN, RejectionReason.FORBIDDEN,
                "The X-Report-Token header is missing or is not the token issued for this response.",
                List.of(FieldViolation.invalid(ResponseController.REPORT_TOKEN, "is not the token issued for this response")),
                null);
    }

    static RejectedRequestException catalogueUnavailable() {
        return new RejectedRequestException(HttpStatus.SERVICE_UNAVAILABLE, RejectionReason.CATALOGUE_UNAVAILABLE,
                "No catalogue version has been loaded yet; retry shortly.", List.of(), ApiExceptionHandler.RETRY_AFTER);
    }

    static RejectedRequestException rateLimited(Duration retryAfter) {
        return new RejectedRequestException(HttpStatus.TOO_MANY_REQUESTS, RejectionReason.RATE_LIMITED,
                "Too many requests from this network address; retry after the Retry-After delay.", List.of(), retryAfter);
    }

    static RejectedRequestException notYetOpen(Optional<Instant> opensAt) {
        return new RejectedRequestException(HttpStatus.GONE, RejectionReason.SURVEY_NOT_OPEN,
                "The survey is not open yet" + opensAt.map(at -> "; it opens at " + at + ".").orElse("."));
    }

    static RejectedRequestException closed(Optional<Instant> closedAt) {
        return new RejectedRequestException(HttpStatus.GONE, RejectionReason.SURVEY_CLOSED,
                "The survey is closed" + closedAt.map(at -> "; it closed at " + at + ".").orElse("."));
    }

    static RejectedRequestException capReached() {
        return new RejectedRequestException(HttpStatus.GONE, RejectionReason.RESPONSE_CAP_REACHED,
                "The survey has received all the responses it takes and is closed.");
    }

    HttpStatus status() {
        return status;
    }

    RejectionReason reason() {
        return reason;
    }

    List<FieldViolation> violations() {
        return violations;
    }

    /** How long the client should wait before retrying, for the Retry-After header of a 429 or 503. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
