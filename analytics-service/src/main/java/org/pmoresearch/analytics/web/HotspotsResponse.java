package org.pmoresearch.analytics.web;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The hotspots: how many respondents selected each area and task, ranked and banded.
 * @param totalResponses null when the whole answer is suppressed (a filtered total below k)
 * @param catalogueVersion the catalogue the areas are laid over (the latest known, or the one filtered by)
 * @param filter the one profile-dimension filter of a public answer, or null
 * @param filters every profile-dimension filter of an admin answer; absent from public answers
 */
public record HotspotsResponse(
        Long totalResponses,
        Integer catalogueVersion,
        DimensionFilter filter,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<DimensionFilter> filters,
        int minCellSize,
        boolean suppressed,
        List<AreaHotspot> areas) {

    public record DimensionFilter(String dimension, String value) {
    }

    /**
     * @param groupId null for an area that is not in the catalogue shown
     * @param count null (like percentage, rank and band) when the cell is suppressed
     * @param rank 1 = most common among the areas; ties share a rank
     */
    public record AreaHotspot(String id, String name, String groupId, Long count, Double percentage, Integer rank,
            String band, boolean suppressed, List<TaskHotspot> tasks) {
    }

    /** @param rank 1 = most common among the tasks of its area */
    public record TaskHotspot(String id, String name, Long count, Double percentage, Integer rank, String band,
            boolean suppressed) {
    }
}
