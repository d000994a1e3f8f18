package org.pmoresearch.export.domain;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of the admin export, shared by the xlsx and the CSV: response id, submission time and catalogue
 * version, then one column per profile question, then one 1/0 column per task of the given catalogue (the way
 * survey tools' users ask for multi-select answers).
 */
public final class ResponseTable {

    private static final List<String> FIXED_IDS = List.of("responseId", "submittedAt", "catalogueVersion");
    private static final List<String> FIXED_NAMES = List.of("Response id", "Submitted at", "Catalogue version");

    /** Receives one response's values, column by column. */
    public interface Cells {
        void text(int column, String value);

        void number(int column, long value);
    }

    private record TaskColumn(String taskId, String name) {
    }

    private final List<ProfileDimensions.Dimension> dimensions;
    private final List<TaskColumn> tasks = new ArrayList<>();
    /** Area id to task id to the task's place among the task columns. */
    private final Map<String, Map<String, Integer>> taskPlaces = new HashMap<>();

    public ResponseTable(CataloguePublished catalogue, ProfileDimensions profileDimensions) {
        this.dimensions = profileDimensions.all();
        for (CatalogueGroup group : nullSafe(catalogue.groups())) {
            for (CatalogueArea area : nullSafe(group.areas())) {
                for (CatalogueTask task : nullSafe(area.tasks())) {
                    taskPlaces.computeIfAbsent(area.id(), id -> new HashMap<>()).putIfAbsent(task.id(), tasks.size());
                    tasks.add(new TaskColumn(task.id(), area.name() + ": " + task.name()));
                }
            }
        }
    }

    public int width() {
        return FIXED_IDS.size() + dimensions.size() + tasks.size();
    }

    public int firstTaskColumn() {
        return FIXED_IDS.size() + dimensions.size();
    }

    /** Header of ids: the field names, profile question ids and task ids a program reads. */
    public List<String> columnIds() {
        List<String> ids = new ArrayList<>(FIXED_IDS);
        dimensions.forEach(dimension -> ids.add(dimension.id()));
        tasks.forEach(task -> ids.add(task.taskId()));
        return ids;
    }

    /** Header of names, for a person reading the sheet. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(FIXED_NAMES);
        dimensions.forEach(dimension -> names.add(dimension.label()));
        tasks.forEach(task -> names.add(task.name()));
        return names;
    }

    public void write(ExportedResponse response, Cells cells) {
        cells.text(0, response.responseId());
        cells.text(1, response.submittedAt());
        if (response.catalogueVersion() != null) {
            cells.number(2, response.catalogueVersion());
        }
        int column = FIXED_IDS.size();
        for (ProfileDimensions.Dimension dimension : dimensions) {
            String answer = response.profile().get(dimension.id());
            if (answer != null) {
                cells.text(column, answer);
            }
            column++;
        }
        // Marked from the selections (a few dozen) rather than looked up per task column (every task of the catalogue).
        boolean[] selected = new boolean[tasks.size()];
        response.selections().forEach((areaId, taskIds) -> {
            Map<String, Integer> places = taskPlaces.get(areaId);
            if (places != null && taskIds != null) {
                for (String taskId : taskIds) {
                    Integer place = places.get(taskId);
                    if (place != null) {
                        selected[place] = true;
                    }
                }
            }
        });
        for (boolean taskSelected : selected) {
            cells.number(column++, taskSelected ? 1 : 0);
        }
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
