package org.pmoresearch.export.domain;

/**
 * What is wrong with one request parameter.
 *
 * @param field  the parameter's name
 * @param reason what is wrong with it, for a person to read
 */
public record ParameterProblem(String field, String reason) {
}
