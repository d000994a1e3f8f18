package org.pmoresearch.survey.web;

import org.pmoresearch.survey.domain.FieldViolation;
import org.springframework.http.HttpStatus;

import java.util.List;

/** A response or withdrawal request turned down with a 4xx (or 503 while no catalogue is loaded). */
class RejectedRequestException extends RuntimeException {

    private final HttpStatus status;
    private final RejectionReason reason;
    private final List<FieldViolation> violations;

    private RejectedRequestException(HttpStatus status, RejectionReason reason, String detail,
            List<FieldViolation> violations) {
        super(detail);
        this.status = status;
        this.reason = reason;
        this.violations = List.copyOf(violations);
    }

    static RejectedRequestException badRequest(RejectionReason reason, String detail, List<FieldViolation> violations) {
        return new RejectedRequestException(HttpStatus.BAD_REQUEST, reason, detail, violations);
    }

    static RejectedRequestException tooLarge(int maxBytes) {
        return new RejectedRequestException(HttpStatus.CONTENT_TOO_LARGE, RejectionReason.TOO_LARGE,
                "The request body must not exceed " + maxBytes + " bytes.", List.of());
    }

    static RejectedRequestException forbidden() {
        return new RejectedRequestException(HttpStatus.FORBIDDEN, RejectionReason.FORBIDDEN,
                "The X-Report-Token header is missing or is not the token issued for this response.", List.of());
    }

    static RejectedRequestException catalogueUnavailable() {
        return new RejectedRequestException(HttpStatus.SERVICE_UNAVAILABLE, RejectionReason.CATALOGUE_UNAVAILABLE,
                "No catalogue version has been loaded yet; retry shortly.", List.of());
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
}
