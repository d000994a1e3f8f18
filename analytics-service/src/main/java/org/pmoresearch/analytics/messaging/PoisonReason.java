package org.pmoresearch.analytics.messaging;

/** Why a record could not be applied; the value of the DLQ reason header and of the metric's tag. */
enum PoisonReason {
    UNPARSEABLE("unparseable"),
    UNKNOWN_EVENT_TYPE("unknown-event-type"),
    UNSUPPORTED_SCHEMA_VERSION("unsupported-schema-version"),
    MISSING_RESPONSE_ID("missing-response-id"),
    INVALID_SELECTIONS("invalid-selections"),
    UNKNOWN_CATALOGUE_VERSION("unknown-catalogue-version");

    private final String tag;

    PoisonReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }
}
