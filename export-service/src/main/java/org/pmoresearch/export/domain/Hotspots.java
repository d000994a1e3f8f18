package org.pmoresearch.export.domain;

import java.util.Map;

/**
 * How many respondents carry out each service area and task, for everyone or for one segment.
 * An id analytics did not report counts as nobody (it may belong to a catalogue version nobody answered yet),
 * unless the whole answer is suppressed.
 *
 * @param totalResponses respondents the figures are out of; null when the segment is too small to publish
 * @param filter         the segment, or null for all respondents
 * @param minCellSize    the smallest number of respondents a public figure may stand for
 * @param suppressed     true when the whole segment is too small to publish
 * @param areasById      area id to that area's figures
 */
public record Hotspots(Long totalResponses, SegmentFilter filter, int minCellSize, boolean suppressed,
                       Map<String, AreaHotspot> areasById) {

    public Hotspots {
        areasById = Map.copyOf(areasById);
    }

    /** @param tasksById task id to that task's figures */
    public record AreaHotspot(Figures figures, Map<String, Figures> tasksById) {

        public AreaHotspot {
            tasksById = Map.copyOf(tasksById);
        }
    }

    public Figures area(String areaId) {
        AreaHotspot area = areasById.get(areaId);
        return area == null ? absent() : area.figures();
    }

    public Figures task(String areaId, String taskId) {
        AreaHotspot area = areasById.get(areaId);
        Figures task = area == null ? null : area.tasksById().get(taskId);
        return task == null ? absent() : task;
    }

    private Figures absent() {
        return suppressed ? Figures.SUPPRESSED : Figures.NOBODY;
    }
}
