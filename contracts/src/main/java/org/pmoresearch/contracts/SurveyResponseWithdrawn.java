package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/** The respondent withdrew their response: it leaves every count. Keyed by {@code responseId}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SurveyResponseWithdrawn(
        int schemaVersion,
        UUID eventId,
        UUID responseId,
        Instant withdrawnAt) {

    public static final int SCHEMA_VERSION = 1;
}
