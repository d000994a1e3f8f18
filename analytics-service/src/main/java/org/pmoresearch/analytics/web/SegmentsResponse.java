package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.web.HotspotsResponse.AreaHotspot;

import java.util.List;

/** The hotspots of every value of one profile dimension, each suppressed like a filtered answer. */
public record SegmentsResponse(String dimension, int minCellSize, List<Segment> segments) {

    /** @param totalResponses null when the segment has fewer than k respondents */
    public record Segment(String value, String label, Long totalResponses, boolean suppressed, List<AreaHotspot> areas) {
    }
}
