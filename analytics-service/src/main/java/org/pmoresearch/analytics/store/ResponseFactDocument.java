package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.domain.CatalogueNotReadYetException;
import org.pmoresearch.analytics.domain.CatalogueVersions;
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
 * Selections are stored as two bit sets over the answered catalogue version ({@code selectedAreas},
 * {@code selectedTasks}, see {@link org.pmoresearch.analytics.domain.SelectionBits}): some twenty bytes where the
 * ids took over a kilobyte, which is most of what the store does per fact. Selections that name an id the version
 * does not have are stored as ids, as area id to its task ids joined by spaces ({@code "risk-management":
 * "risk-register risk-reviews"}; ids never contain a space), the form facts were written in before, and older facts
 * hold an array per area; all read the same.
 */
record ResponseFactDocument(
        @Id String id,
        int partition,
        long offset,
        int catalogueVersion,
        Instant submittedAt,
        RespondentProfile profile,
        Map<String, Object> selections,
        byte[] selectedAreas,
        byte[] selectedTasks,
        boolean withdrawn,
        Long withdrawnOffset) {

    static final String WITHDRAWN = "withdrawn";
    static final String CATALOGUE_VERSION = "catalogueVersion";
    static final String PROFILE = "profile";
    static final String SELECTIONS = "selections";
    static final String SELECTED_AREAS = "selectedAreas";
    static final String SELECTED_TASKS = "selectedTasks";
    static final String TASK_SEPARATOR = " ";

    /**
     * Area id to its task ids, or null for a tombstone.
     * @throws CatalogueNotReadYetException when the selections are bits over a version not read yet
     */
    Map<String, List<String>> selectionLists(CatalogueVersions catalogues) {
        if (selectedAreas != null && selectedTasks != null) {
            return catalogues.selectionBits(catalogueVersion)
                    .orElseThrow(() -> new CatalogueNotReadYetException(catalogueVersion))
                    .decode(selectedAreas, selectedTasks);
        }
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
