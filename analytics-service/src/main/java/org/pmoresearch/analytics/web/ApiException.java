package org.pmoresearch.analytics.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;

/** A request the service answers with a 4xx or 503 problem; {@link ApiExceptionHandler} writes it. */
class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    private ApiException(HttpStatus status, String type, String title, String detail, List<FieldError> errors,
            Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    static ApiException invalidParameters(String detail, List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid request parameter", detail,
                errors, null);
    }

    static ApiException wrongReportToken() {
        return new ApiException(HttpStatus.FORBIDDEN, "wrong-report-token", "Wrong report token",
                "The X-Report-Token header is missing or does not belong to this response.", List.of(), null);
    }

    static ApiException notCountedYet() {
        return new ApiException(HttpStatus.NOT_FOUND, "not-counted-yet", "Response not counted yet",
                "This response has not been counted yet; it usually is within seconds of submission.", List.of(),
                Duration.ofSeconds(2));
    }

    static ApiException withdrawn() {
        return new ApiException(HttpStatus.GONE, "response-withdrawn", "Response withdrawn",
                "This response was withdrawn and is in no count.", List.of(), null);
    }

    static ApiException rebuildRunning() {
        return new ApiException(HttpStatus.CONFLICT, "rebuild-running", "Rebuild already running",
                "A rebuild is already running; follow it with GET /api/admin/rebuild.", List.of(), null);
    }

    static ApiException catalogueNotReadYet(int version) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "catalogue-not-read-yet", "Catalogue not read yet",
                "This instance is still reading catalogue version " + version + ", which the responses asked for"
                        + " answer; retry shortly.", List.of(), Duration.ofSeconds(2));
    }

    static ApiException tooLongForQrCode(int length) {
        return new ApiException(HttpStatus.BAD_REQUEST, "url-too-long-for-qr-code", "URL too long for a QR code",
                "The survey's URL for this request is " + length + " characters long, built from its Host header, and"
                        + " does not fit in a QR code; PMO_PUBLIC_SURVEY_URL sets it.", List.of(), null);
    }

    static ApiException tooManyStreams() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams", "Too many live streams",
                "This instance serves as many live streams as it may; retry shortly.", List.of(),
                Duration.ofSeconds(5));
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    List<FieldError> errors() {
        return errors;
    }

    /** @return null when the client should not be told when to retry */
    Duration retryAfter() {
        return retryAfter;
    }
}
