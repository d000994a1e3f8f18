package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A respondent submitted the survey. Keyed by {@code responseId} (the client's Idempotency-Key),
 * so every event about one response lands on one partition, in order.
 *
 * @param selections area id to the ids of the tasks selected in it; an area may have no tasks
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SurveyResponseSubmitted(
        int schemaVersion,
        UUID eventId,
        UUID responseId,
        Instant submittedAt,
        int catalogueVersion,
        RespondentProfile profile,
        Map<String, List<String>> selections,
        String otherServices) {

    public static final int SCHEMA_VERSION = 1;
}
