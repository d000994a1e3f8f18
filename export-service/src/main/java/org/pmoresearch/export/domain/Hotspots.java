package org.pmoresearch.export.domain;

import java.util.Map;

/**
 * How many respondents carry out each service area and task, out of {@code totalResponses}.
 * An id analytics did not report counts as 0: it may belong to a catalogue version nobody answered yet.
 *
 * @param areasById area id to that area's figures
 */
public record Hotspots(long totalResponses, Map<String, AreaCount> areasById) {

    public Hotspots {
        areasById = Map.copyOf(areasById);
    }

    /** @param tasksById task id to the number of respondents who do that task */
    public record AreaCount(long count, Map<String, Long> tasksById) {

        public AreaCount {
            tasksById = Map.copyOf(tasksById);
        }
    }

    public long areaCount(String areaId) {
        AreaCount area = areasById.get(areaId);
        return area == null ? 0 : area.count();
    }

    public long taskCount(String areaId, String taskId) {
        AreaCount area = areasById.get(areaId);
        return area == null ? 0 : area.tasksById().getOrDefault(taskId, 0L);
    }

    /** The fraction of all respondents that {@code count} stands for; 0 while nobody has responded. */
    public double shareOf(long count) {
        return totalResponses == 0 ? 0 : (double) count / totalResponses;
    }
}
