package org.pmoresearch.survey.web;

/** Why a response request was turned down; {@link #tag()} is the {@code reason} tag of pmo.responses.rejected. */
enum RejectionReason {

    INVALID_JSON("invalid-json", "Malformed JSON"),
    IDEMPOTENCY_KEY("idempotency-key", "Missing or malformed Idempotency-Key"),
    UNKNOWN_FIELD("unknown-field", "Unknown fields in the request"),
    VALIDATION("validation", "Invalid response"),
    TOO_LARGE("too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    FORBIDDEN("forbidden", "Report token does not match"),
    RATE_LIMITED("rate-limited", "Too many requests from this address"),
    SURVEY_NOT_OPEN("survey-not-open", "Survey not open yet"),
    SURVEY_CLOSED("survey-closed", "Survey closed"),
    RESPONSE_CAP_REACHED("response-cap-reached", "Survey has all the responses it takes"),
    CATALOGUE_UNAVAILABLE("catalogue-unavailable", "Catalogue not loaded yet"),
    BROKER_UNAVAILABLE("broker-unavailable", "Responses cannot be stored right now");

    private final String tag;
    private final String title;

    RejectionReason(String tag, String title) {
        this.tag = tag;
        this.title = title;
    }

    String tag() {
        return tag;
    }

    String title() {
        return title;
    }
}
