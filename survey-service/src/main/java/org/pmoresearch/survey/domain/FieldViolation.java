package org.pmoresearch.survey.domain;

/**
 * One reason a request was rejected.
 *
 * @param field the JSON path of the offending member, e.g. {@code selections.risk-management[1]}
 */
public record FieldViolation(String field, String reason, Kind kind) {

    public enum Kind {
        /** A member the request format does not define. */
        UNKNOWN_FIELD,
        /** A member that is missing, of the wrong type or not allowed. */
        INVALID_VALUE
    }

    public static FieldViolation unknownField(String field) {
        return new FieldViolation(field, "unknown field", Kind.UNKNOWN_FIELD);
    }

    public static FieldViolation invalid(String field, String reason) {
        return new FieldViolation(field, reason, Kind.INVALID_VALUE);
    }
}
