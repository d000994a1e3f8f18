package org.pmoresearch.contracts;

/** Kafka record header names the services agree on. */
public final class EventHeaders {

    /** The event's type: the simple name of its record, e.g. {@code SurveyResponseSubmitted}. */
    public static final String EVENT_TYPE = "eventType";

    /** On a dead-lettered record: why it could not be applied. */
    public static final String DLQ_REASON = "dlqReason";
    /** On a dead-lettered record: the exception or validation detail. */
    public static final String DLQ_DETAIL = "dlqDetail";
    /** On a dead-lettered record: where it came from, as {@code topic-partition@offset}. */
    public static final String DLQ_ORIGIN = "dlqOrigin";

    private EventHeaders() {
    }
}
