package org.pmoresearch.survey.web;

/** One entry of the "errors" member of a problem+json body. */
record FieldError(String field, String reason) {
}
