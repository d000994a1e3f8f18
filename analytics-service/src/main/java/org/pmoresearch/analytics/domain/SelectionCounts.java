package org.pmoresearch.analytics.domain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How many responses selected each area and each task, plus the number of responses. Mutable and
 * not thread-safe: one instance belongs to one partition while a batch is applied, or to one request
 * while the partitions are summed.
 * <p>
 * The counters are an array indexed by {@link CounterSlots}: a response's ids are looked up once
 * ({@link #selection}) for all the counts it goes to, and summing counts adds arrays. A counter at zero is not
 * a count: ids that only ever came and went leave no trace in {@link #areas()} or in what is stored.
 */
public final class SelectionCounts {

    private static final long[] NONE = new long[0];

    private long totalResponses;
    private long[] values = NONE;

    /** Counts as stored: the total and the non-zero counts by area and task. */
    public static SelectionCounts restore(long totalResponses, Map<String, AreaCount> areas) {
        SelectionCounts counts = new SelectionCounts();
        counts.totalResponses = totalResponses;
        areas.forEach((areaId, area) -> {
            counts.addTo(CounterSlots.area(areaId), area.count());
            area.tasks().forEach((taskId, count) -> counts.addTo(CounterSlots.task(areaId, taskId), count));
        });
        return counts;
    }

    /**
     * Counts as stored by slot: {@code values[i]} is the counter of {@code slots[i]}, for the first {@code length}.
     */
    public static SelectionCounts restore(long totalResponses, int[] slots, long[] values, int length) {
        SelectionCounts counts = new SelectionCounts();
        counts.totalResponses = totalResponses;
        counts.values = new long[CounterSlots.size()];
        for (int i = 0; i < length; i++) {
            counts.addTo(slots[i], values[i]);
        }
        return counts;
    }

    /**
     * A response's selections looked up once: the slot of every area it names and of every task, each once (a
     * response that names a task twice selected it once). Null task ids name nothing.
     */
    static Selection selection(Map<String, List<String>> selections) {
        SelectionBuilder selection = new SelectionBuilder();
        for (Map.Entry<String, List<String>> area : selections.entrySet()) {
            selection.include(CounterSlots.area(area.getKey()));
            List<String> taskIds = area.getValue();
            if (taskIds != null) {
                for (String taskId : taskIds) {
                    if (taskId != null) {
                        selection.include(CounterSlots.task(area.getKey(), taskId));
                    }
                }
            }
        }
        return selection.build();
    }

    public void add(Map<String, List<String>> selections) {
        apply(selection(selections), 1);
    }

    public void subtract(Map<String, List<String>> selections) {
        apply(selection(selections), -1);
    }

    /** Adds {@code delta} responses with this selection. */
    void apply(Selection selection, long delta) {
        totalResponses += delta;
        int[] slots = selection.slots;
        if (slots.length > 0) {
            ensureSlot(selection.highest);
        }
        long[] counters = values;
        for (int slot : slots) {
            counters[slot] += delta;
        }
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
        long[] theirs = other.values;
        if (theirs.length > values.length) {
            values = Arrays.copyOf(values, theirs.length);
        }
        long[] counters = values;
        for (int slot = 0; slot < theirs.length; slot++) {
            counters[slot] += sign * theirs[slot];
        }
    }

    public long totalResponses() {
        return totalResponses;
    }

    /** True when no response is counted and no area carries a count. */
    public boolean isEmpty() {
        if (totalResponses != 0) {
            return false;
        }
        for (int index = 0, areas = CounterSlots.areaCount(); index < areas; index++) {
            if (value(CounterSlots.areaAt(index).slot) != 0) {
                return false;
            }
        }
        return true;
    }

    public long areaCount(String areaId) {
        return value(CounterSlots.findArea(areaId));
    }

    public long taskCount(String areaId, String taskId) {
        return value(CounterSlots.findTask(areaId, taskId));
    }

    /** A snapshot of the non-zero counts: the areas with a count, each with its tasks that have one. */
    public Map<String, AreaCount> areas() {
        Map<String, AreaCount> snapshot = new LinkedHashMap<>();
        forEachCounter(new CounterVisitor() {
            private Map<String, Long> tasks;
            private long areaCount;
            private String areaId;

            @Override
            public void visit(int slot, long value) {
                String taskId = CounterSlots.taskId(slot);
                if (taskId == null) {
                    finishArea();
                    areaId = CounterSlots.areaId(slot);
                    areaCount = value;
                    tasks = new HashMap<>();
                } else {
                    tasks.put(taskId, value);
                }
            }

            @Override
            public void end() {
                finishArea();
            }

            private void finishArea() {
                if (areaId != null) {
                    snapshot.put(areaId, new AreaCount(areaCount, Map.copyOf(tasks)));
                }
            }
        });
        return snapshot;
    }

    /**
     * Visits the counters {@link #areas()} shows: each area with a non-zero count, then its tasks with a non-zero
     * count, areas and tasks in the order of their slots.
     */
    public void forEachCounter(CounterVisitor visitor) {
        long[] counters = values;
        for (int index = 0, areas = CounterSlots.areaCount(); index < areas; index++) {
            CounterSlots.Area area = CounterSlots.areaAt(index);
            if (area.slot >= counters.length || counters[area.slot] == 0) {
                continue;
            }
            visitor.visit(area.slot, counters[area.slot]);
            for (int taskSlot : area.taskSlots) {
                if (taskSlot < counters.length && counters[taskSlot] != 0) {
                    visitor.visit(taskSlot, counters[taskSlot]);
                }
            }
        }
        visitor.end();
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

    private void addTo(int slot, long delta) {
        ensureSlot(slot);
        values[slot] += delta;
    }

    private void ensureSlot(int slot) {
        if (slot >= values.length) {
            values = Arrays.copyOf(values, Math.max(slot + 1, CounterSlots.size()));
        }
    }

    private long value(int slot) {
        return slot < 0 || slot >= values.length ? 0 : values[slot];
    }

    /** Receives counters by slot; see {@link #forEachCounter}. */
    public interface CounterVisitor {

        void visit(int slot, long value);

        /** After the last counter. */
        default void end() {
        }
    }

    /** A response's selections as distinct slots, in the order met; see {@link #selection}. */
    static final class Selection {

        private final int[] slots;
        private final int highest;

        private Selection(int[] slots, int highest) {
            this.slots = slots;
            this.highest = highest;
        }
    }

    /**
     * Collects distinct slots without sorting them: slots are numbered densely from 0 (see {@link CounterSlots}), so
     * one bit per slot tells whether a slot is in already.
     */
    private static final class SelectionBuilder {

        private int[] slots = new int[32];
        private int length;
        private long[] included = new long[(CounterSlots.size() >>> 6) + 1];
        private int highest = -1;

        void include(int slot) {
            int word = slot >>> 6;
            if (word >= included.length) {
                included = Arrays.copyOf(included, Math.max(word + 1, included.length * 2));
            }
            long bit = 1L << slot;
            if ((included[word] & bit) != 0) {
                return;
            }
            included[word] |= bit;
            if (length == slots.length) {
                slots = Arrays.copyOf(slots, length * 2);
            }
            slots[length++] = slot;
            highest = Math.max(highest, slot);
        }

        Selection build() {
            return new Selection(Arrays.copyOf(slots, length), highest);
        }
    }

    /** The count of one area and of each of its tasks. */
    public record AreaCount(long count, Map<String, Long> tasks) {
    }
}
