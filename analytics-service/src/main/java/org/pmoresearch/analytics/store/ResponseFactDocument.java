package org.pmoresearch.analytics.store;

import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One document per responseId (per generation), with the position of the record that first carried it.
 * A tombstone (a withdrawal seen before its submission) has no selections.
 * <p>
 * Selections are stored as area id to its task ids joined by spaces ({@code "risk-management": "risk-register
 * risk-reviews"}): ids never contain a space, and one string per area made each insert about a fifth cheaper for
 * the embedded store than an array of strings. Facts written before hold an array per area; both read the same.
 */
record ResponseFactDocument(
        @Id String id,
        int partition,
        long offset,
        int catalogueVersion,
        Instant submittedAt,
        RespondentProfile profile,
        Map<String, Object> selections,
        boolean withdrawn,
        Long withdrawnOffset) {

    static final String WITHDRAWN = "withdrawn";
    static final String CATALOGUE_VERSION = "catalogueVersion";
    static final String PROFILE = "profile";
    static final String SELECTIONS = "selections";
    static final String TASK_SEPARATOR = " ";

    /** Area id to its task ids, or null for a tombstone. */
    Map<String, List<String>> selectionLists() {
        if (selections == null) {
            return null;
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        selections.forEach((areaId, tasks) -> lists.put(areaId, taskIds(areaId, tasks)));
        return lists;
    }

    private List<String> taskIds(String areaId, Object tasks) {
        if (tasks instanceof String joined) {
            return joined.isEmpty() ? List.of() : List.of(joined.split(TASK_SEPARATOR));
        }
        if (tasks instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        throw new IllegalStateException("Response fact " + id + " has selections for " + areaId + " stored as "
                + (tasks == null ? "null" : tasks.getClass().getName()));
    }
}
