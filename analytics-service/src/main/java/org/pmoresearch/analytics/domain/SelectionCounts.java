package org.pmoresearch.analytics.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many responses selected each area and each task, plus the number of responses. Mutable and
 * not thread-safe: one instance belongs to one partition while a batch is applied, or to one request
 * while the partitions are summed.
 */
public final class SelectionCounts {

    private long totalResponses;
    private final Map<String, Long> areaCounts = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> taskCounts = new LinkedHashMap<>();

    public static SelectionCounts restore(long totalResponses, Map<String, AreaCount> areas) {
        SelectionCounts counts = new SelectionCounts();
        counts.totalResponses = totalResponses;
        areas.forEach((areaId, area) -> counts.addArea(areaId, area.count(), area.tasks()));
        return counts;
    }

    public void add(Map<String, List<String>> selections) {
        apply(selections, 1);
    }

    public void subtract(Map<String, List<String>> selections) {
        apply(selections, -1);
    }

    public void addAll(SelectionCounts other) {
        totalResponses += other.totalResponses;
        other.areas().forEach((areaId, area) -> addArea(areaId, area.count(), area.tasks()));
    }

    public long totalResponses() {
        return totalResponses;
    }

    /** True when no response is counted and no area carries a count. */
    public boolean isEmpty() {
        return totalResponses == 0 && areaCounts.isEmpty();
    }

    public long areaCount(String areaId) {
        return areaCounts.getOrDefault(areaId, 0L);
    }

    public long taskCount(String areaId, String taskId) {
        return taskCounts.getOrDefault(areaId, Map.of()).getOrDefault(taskId, 0L);
    }

    /** A snapshot of the non-zero counts, areas and tasks in first-counted order. */
    public Map<String, AreaCount> areas() {
        Map<String, AreaCount> snapshot = new LinkedHashMap<>();
        areaCounts.forEach((areaId, count) ->
                snapshot.put(areaId, new AreaCount(count, Map.copyOf(taskCounts.getOrDefault(areaId, Map.of())))));
        return snapshot;
    }

    private void apply(Map<String, List<String>> selections, long delta) {
        totalResponses += delta;
        selections.forEach((areaId, taskIds) -> {
            Collection<String> distinctTasks = taskIds == null ? List.of() : new LinkedHashSet<>(taskIds);
            Map<String, Long> tasks = new LinkedHashMap<>();
            distinctTasks.forEach(taskId -> tasks.put(taskId, delta));
            addArea(areaId, delta, tasks);
        });
    }

    private void addArea(String areaId, long areaDelta, Map<String, Long> taskDeltas) {
        mergeDroppingZero(areaCounts, areaId, areaDelta);
        Map<String, Long> tasks = taskCounts.computeIfAbsent(areaId, id -> new LinkedHashMap<>());
        taskDeltas.forEach((taskId, delta) -> mergeDroppingZero(tasks, taskId, delta));
        if (tasks.isEmpty()) {
            taskCounts.remove(areaId);
        }
    }

    /** Equal when they hold the same counts. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SelectionCounts counts && totalResponses == counts.totalResponses
                && areas().equals(counts.areas());
    }

    @Override
    public int hashCode() {
        return Objects.hash(totalResponses, areas());
    }

    @Override
    public String toString() {
        return "SelectionCounts{totalResponses=" + totalResponses + ", areas=" + areas() + "}";
    }

    // Zero entries are dropped so that ids which only ever came and went leave no trace in the counts.
    private static void mergeDroppingZero(Map<String, Long> counts, String id, long delta) {
        counts.merge(id, delta, (current, change) -> current + change == 0 ? null : current + change);
    }

    /** The count of one area and of each of its tasks. */
    public record AreaCount(long count, Map<String, Long> tasks) {
    }
}
