package org.pmoresearch.export.domain;

import java.util.List;

/**
 * The figures of every segment of one profile dimension, each with the same small-cell suppression as a
 * filtered public answer.
 *
 * @param dimension the profile question id
 * @param question  the question as the survey asks it
 */
public record SegmentBreakdown(String dimension, String question, List<Segment> segments) {

    public SegmentBreakdown {
        segments = List.copyOf(segments);
    }

    /** @param value the option value; {@code label} is how the survey shows it */
    public record Segment(String value, String label, Hotspots hotspots) {
    }
}
