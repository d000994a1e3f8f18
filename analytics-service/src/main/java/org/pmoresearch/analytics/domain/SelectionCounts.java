package org.pmoresearch.analytics.domain;

import java.util.Collection;
import java.util.HashMap;
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

    // Counters are updated in place: a response changes hundreds of them, each a boxed Long otherwise.
    private long totalResponses;
    private final Map<String, Count> areaCounts = new LinkedHashMap<>();
    private final Map<String, Map<String, Count>> taskCounts = new LinkedHashMap<>();

    public static SelectionCounts restore(long totalResponses, Map<String, AreaCount> areas) {
        SelectionCounts counts = new SelectionCounts();
        counts.totalResponses = totalResponses;
        areas.forEach((areaId, area) -> counts.addArea(areaId, area.count(), area.tasks()));
        return counts;
    }

    public void add(Map<String, List<String>> selections) {
        apply(distinctTasks(selections), 1);
    }

    public void subtract(Map<String, List<String>> selections) {
        apply(distinctTasks(selections), -1);
    }

    public void addAll(SelectionCounts other) {
        merge(other, 1);
    }

    /** Takes out counts added before with {@link #addAll}. */
    public void subtractAll(SelectionCounts other) {
        merge(other, -1);
    }

    private void merge(SelectionCounts other, long sign) {
        totalResponses += sign * other.totalResponses;
        other.areaCounts.forEach((areaId, count) -> {
            mergeDroppingZero(areaCounts, areaId, sign * count.value);
            Map<String, Count> tasks = taskCounts.computeIfAbsent(areaId, id -> new LinkedHashMap<>());
            other.taskCounts.getOrDefault(areaId, Map.of())
                    .forEach((taskId, taskCount) -> mergeDroppingZero(tasks, taskId, sign * taskCount.value));
            dropIfEmpty(areaId, tasks);
        });
    }

    public long totalResponses() {
        return totalResponses;
    }

    /** True when no response is counted and no area carries a count. */
    public boolean isEmpty() {
        return totalResponses == 0 && areaCounts.isEmpty();
    }

    public long areaCount(String areaId) {
        return valueOf(areaCounts.get(areaId));
    }

    public long taskCount(String areaId, String taskId) {
        return valueOf(taskCounts.getOrDefault(areaId, Map.of()).get(taskId));
    }

    /** A snapshot of the non-zero counts, areas in first-counted order. */
    public Map<String, AreaCount> areas() {
        Map<String, AreaCount> snapshot = new LinkedHashMap<>();
        areaCounts.forEach((areaId, count) -> {
            Map<String, Long> tasks = new HashMap<>();
            taskCounts.getOrDefault(areaId, Map.of()).forEach((taskId, taskCount) -> tasks.put(taskId, taskCount.value));
            snapshot.put(areaId, new AreaCount(count.value, Map.copyOf(tasks)));
        });
        return snapshot;
    }

    /**
     * Area id to its tasks, each once: a response that names a task twice selected it once. The ids are the JVM's
     * canonical strings ({@link String#intern()}), as are those of counts read from the store: a response is applied to
     * the overall counts and to every segment of its respondent, and each of those lookups then finds its id by
     * reference instead of comparing characters.
     */
    static Map<String, Collection<String>> distinctTasks(Map<String, List<String>> selections) {
        Map<String, Collection<String>> distinct = new LinkedHashMap<>();
        selections.forEach((areaId, taskIds) -> {
            Collection<String> tasks = new LinkedHashSet<>();
            if (taskIds != null) {
                taskIds.forEach(taskId -> tasks.add(taskId == null ? null : taskId.intern()));
            }
            distinct.put(areaId.intern(), tasks);
        });
        return distinct;
    }

    /** Adds {@code delta} responses with these selections; see {@link #distinctTasks}. */
    void apply(Map<String, Collection<String>> distinctSelections, long delta) {
        totalResponses += delta;
        distinctSelections.forEach((areaId, taskIds) -> {
            mergeDroppingZero(areaCounts, areaId, delta);
            Map<String, Count> tasks = taskCounts.computeIfAbsent(areaId, id -> new LinkedHashMap<>());
            for (String taskId : taskIds) {
                mergeDroppingZero(tasks, taskId, delta);
            }
            dropIfEmpty(areaId, tasks);
        });
    }

    private void addArea(String areaId, long areaDelta, Map<String, Long> taskDeltas) {
        mergeDroppingZero(areaCounts, areaId, areaDelta);
        Map<String, Count> tasks = taskCounts.computeIfAbsent(areaId, id -> new LinkedHashMap<>());
        taskDeltas.forEach((taskId, delta) -> mergeDroppingZero(tasks, taskId, delta));
        dropIfEmpty(areaId, tasks);
    }

    private void dropIfEmpty(String areaId, Map<String, Count> tasks) {
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
    private static void mergeDroppingZero(Map<String, Count> counts, String id, long delta) {
        Count count = counts.get(id);
        if (count == null) {
            counts.put(id, new Count(delta));
        } else {
            count.value += delta;
            if (count.value == 0) {
                counts.remove(id);
            }
        }
    }

    private static long valueOf(Count count) {
        return count == null ? 0 : count.value;
    }

    /** One counter, owned by one map of one instance. */
    private static final class Count {

        private long value;

        Count(long value) {
            this.value = value;
        }
    }

    /** The count of one area and of each of its tasks. */
    public record AreaCount(long count, Map<String, Long> tasks) {
    }
}
