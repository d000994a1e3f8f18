package org.pmoresearch.export.domain;

import java.util.List;
import java.util.Map;

/**
 * One response as the admin export lists it; values pass through as analytics reports them.
 *
 * @param profile    profile question id to the answer's option value; unanswered questions are absent
 * @param selections area id to the ids of the tasks selected in it
 */
public record ExportedResponse(String responseId, String submittedAt, Integer catalogueVersion,
                               Map<String, String> profile, Map<String, List<String>> selections) {

    public ExportedResponse {
        profile = profile == null ? Map.of() : profile;
        selections = selections == null ? Map.of() : selections;
    }
}
