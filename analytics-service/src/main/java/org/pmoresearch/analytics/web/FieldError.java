package org.pmoresearch.analytics.web;

/** One entry of a problem's "errors": the request field or parameter at fault and why. */
public record FieldError(String field, String reason) {
}
