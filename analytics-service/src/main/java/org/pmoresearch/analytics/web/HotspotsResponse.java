package org.pmoresearch.analytics.web;

import java.util.List;

/**
 * The community's hotspots: how many responses selected each area and task.
 * @param catalogueVersion the latest catalogue version known, or null before any
 */
public record HotspotsResponse(long totalResponses, Integer catalogueVersion, List<AreaHotspot> areas) {

    /** @param groupId null for an area that is not in the latest catalogue */
    public record AreaHotspot(String id, String name, String groupId, long count, double percentage,
            List<TaskHotspot> tasks) {
    }

    public record TaskHotspot(String id, String name, long count, double percentage) {
    }
}
