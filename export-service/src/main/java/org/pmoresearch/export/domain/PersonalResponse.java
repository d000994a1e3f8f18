package org.pmoresearch.export.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One respondent's own answers, as analytics returns them to the holder of the report token.
 *
 * @param catalogueVersion the catalogue version the respondent answered
 * @param selections       area id to the ids of the tasks selected in it; an area may have no tasks
 */
public record PersonalResponse(UUID responseId, int catalogueVersion, Instant submittedAt,
                               Map<String, List<String>> selections) {

    public PersonalResponse {
        selections = Map.copyOf(selections);
    }
}
