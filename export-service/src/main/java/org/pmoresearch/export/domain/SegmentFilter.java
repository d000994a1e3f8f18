package org.pmoresearch.export.domain;

/**
 * One answer to one profile question, standing for the respondents who gave it, e.g. {@code pmoType=enterprise}.
 *
 * @param dimension a profile question id from {@code profile-questions.json}
 * @param value     one of that question's option values
 */
public record SegmentFilter(String dimension, String value) {

    @Override
    public String toString() {
        return dimension + "=" + value;
    }
}
