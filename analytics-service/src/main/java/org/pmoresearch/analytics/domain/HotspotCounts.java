package org.pmoresearch.analytics.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of all responses together with the counts of every segment (profile dimension to value).
 * A response adds to the overall counts and to one segment per answered dimension. Mutable and not
 * thread-safe, like {@link SelectionCounts}.
 */
public final class HotspotCounts {

    private final SelectionCounts all;
    private final Map<String, Map<String, SelectionCounts>> segments = new LinkedHashMap<>();

    public HotspotCounts() {
        this(new SelectionCounts());
    }

    private HotspotCounts(SelectionCounts all) {
        this.all = all;
    }

    /**
     * Counts made of the given sets, which they take over (no copy is made: they are read back from the store
     * for every dashboard refresh), so the caller must not change them afterwards.
     * @param segments dimension to value to that segment's counts
     */
    public static HotspotCounts restore(SelectionCounts all, Map<String, Map<String, SelectionCounts>> segments) {
        HotspotCounts counts = new HotspotCounts(all);
        segments.forEach((dimension, values) -> values.forEach((value, segment) -> {
            if (!segment.isEmpty()) {
                counts.segments.computeIfAbsent(dimension, id -> new LinkedHashMap<>()).put(value, segment);
            }
        }));
        return counts;
    }

    /** @param segments the respondent's segments, dimension to value */
    public void add(Map<String, String> segments, Map<String, List<String>> selections) {
        apply(segments, selections, 1);
    }

    public void subtract(Map<String, String> segments, Map<String, List<String>> selections) {
        apply(segments, selections, -1);
        dropEmptySegments();
    }

    private void apply(Map<String, String> segments, Map<String, List<String>> selections, int delta) {
        // Looked up once for the overall counts and every segment: this runs for every response counted.
        SelectionCounts.Selection selection = SelectionCounts.selection(selections);
        all.apply(selection, delta);
        segments.forEach((dimension, value) -> segmentCounts(dimension, value).apply(selection, delta));
    }

    public void addAll(HotspotCounts other) {
        all.addAll(other.all);
        other.segments.forEach((dimension, values) -> values.forEach((value, segment) ->
                segmentCounts(dimension, value).addAll(segment)));
        dropEmptySegments();
    }

    /** Takes out counts added before with {@link #addAll}. */
    public void subtractAll(HotspotCounts other) {
        all.subtractAll(other.all);
        other.segments.forEach((dimension, values) -> values.forEach((value, segment) ->
                segmentCounts(dimension, value).subtractAll(segment)));
        dropEmptySegments();
    }

    /** A copy that changes independently of these counts. */
    public HotspotCounts copy() {
        HotspotCounts copy = new HotspotCounts();
        copy.addAll(this);
        return copy;
    }

    public SelectionCounts all() {
        return all;
    }

    /** The counts of the respondents who gave {@code value} for {@code dimension}; empty counts if none did. */
    public SelectionCounts segment(String dimension, String value) {
        SelectionCounts segment = segments.getOrDefault(dimension, Map.of()).get(value);
        return segment == null ? new SelectionCounts() : segment;
    }

    /** Dimension to value to counts, for the segments with at least one response. */
    public Map<String, Map<String, SelectionCounts>> segments() {
        Map<String, Map<String, SelectionCounts>> view = new LinkedHashMap<>();
        segments.forEach((dimension, values) -> view.put(dimension, Map.copyOf(values)));
        return view;
    }

    private SelectionCounts segmentCounts(String dimension, String value) {
        return segments.computeIfAbsent(dimension, id -> new LinkedHashMap<>())
                .computeIfAbsent(value, id -> new SelectionCounts());
    }

    // Like zero counts, segments whose respondents all withdrew leave no trace.
    private void dropEmptySegments() {
        segments.values().forEach(values -> values.values().removeIf(SelectionCounts::isEmpty));
        segments.values().removeIf(Map::isEmpty);
    }
}
