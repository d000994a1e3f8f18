package org.pmoresearch.survey.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Instant;

/**
 * When the survey takes responses. All optional: without dates it is always open, without a cap
 * it takes any number.
 *
 * @param opensAt      first instant responses are accepted (ISO-8601, e.g. {@code 2027-03-01T09:00:00Z})
 * @param closesAt     first instant responses are refused again
 * @param maxResponses responses this instance accepts before answering 410; see {@code SurveyWindow}
 *                     for what is counted
 */
@Validated
@ConfigurationProperties("pmo.survey")
public record SurveyWindowProperties(Instant opensAt, Instant closesAt, @Positive Long maxResponses) {

    @AssertTrue(message = "pmo.survey.closes-at must be after pmo.survey.opens-at")
    public boolean isClosingAfterOpening() {
        return opensAt == null || closesAt == null || closesAt.isAfter(opensAt);
    }
}
