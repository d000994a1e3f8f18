package org.pmoresearch.catalogue.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One problem in an import file.
 *
 * @param line  1-based line of the file where the offending row or object starts; null for a problem with the
 *              file as a whole, such as a published item that is missing from it
 * @param field the CSV column or the JSON path
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImportProblem(Integer line, String field, String reason) {
}
