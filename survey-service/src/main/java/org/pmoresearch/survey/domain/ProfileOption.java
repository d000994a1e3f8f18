package org.pmoresearch.survey.domain;

/** An allowed answer to a profile question: the stored value and the label shown to respondents. */
public record ProfileOption(String value, String label) {
}
