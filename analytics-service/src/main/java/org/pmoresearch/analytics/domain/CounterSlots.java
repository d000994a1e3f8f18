package org.pmoresearch.analytics.domain;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers every counter the counts of this JVM hold: one slot per area id and one per (area id, task id),
 * from 0 in the order they are first met, never reused and never renumbered. Every {@link SelectionCounts}
 * keeps its counters in an array indexed by slot, so summing two counts is adding two arrays, and a response
 * is looked up here once however many sets of counts (all responses, each segment of its respondent) it goes to.
 * <p>
 * Ids come from published catalogues (and responses to them, as validated on submission), so there are a
 * few hundred at most. Thread-safe: a slot is registered under a lock and found without one.
 */
public final class CounterSlots {

    private static final Object LOCK = new Object();
    private static final ConcurrentHashMap<String, Area> AREAS = new ConcurrentHashMap<>();

    // Written under LOCK: a slot's entries (in a copy when an array grows) before the maps publish the slot.
    private static volatile String[] areaIds = new String[256];
    private static volatile String[] taskIds = new String[256];
    private static volatile Area[] areasInOrder = new Area[32];
    private static volatile int size;
    private static volatile int areaCount;

    private CounterSlots() {
    }

    /** The slot of an area's own counter, registered if new. */
    public static int area(String areaId) {
        Area area = AREAS.get(Objects.requireNonNull(areaId, "areaId"));
        return area != null ? area.slot : registerArea(areaId).slot;
    }

    /** The slot of a task's counter, registered (with its area) if new. */
    public static int task(String areaId, String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        Area area = AREAS.get(Objects.requireNonNull(areaId, "areaId"));
        if (area == null) {
            area = registerArea(areaId);
        }
        Integer slot = area.tasks.get(taskId);
        return slot != null ? slot : registerTask(area, taskId);
    }

    /** The area's slot, or -1 when no counts in this JVM ever held it. */
    static int findArea(String areaId) {
        Area area = areaId == null ? null : AREAS.get(areaId);
        return area == null ? -1 : area.slot;
    }

    /** The task's slot, or -1 when no counts in this JVM ever held it. */
    static int findTask(String areaId, String taskId) {
        Area area = areaId == null ? null : AREAS.get(areaId);
        Integer slot = area == null || taskId == null ? null : area.tasks.get(taskId);
        return slot == null ? -1 : slot;
    }

    /** How many slots there are: every slot is below it. */
    public static int size() {
        return size;
    }

    /** The area id of a slot: the area's own, or the area of the task. */
    public static String areaId(int slot) {
        return areaIds[slot];
    }

    /** The task id of a task's slot; null for an area's. */
    public static String taskId(int slot) {
        return taskIds[slot];
    }

    static int areaCount() {
        return areaCount;
    }

    /** The {@code index}-th area registered, below {@link #areaCount()}. */
    static Area areaAt(int index) {
        return areasInOrder[index];
    }

    private static Area registerArea(String areaId) {
        synchronized (LOCK) {
            Area known = AREAS.get(areaId);
            if (known != null) {
                return known;
            }
            Area area = new Area(addSlot(areaId, null));
            Area[] areas = areasInOrder;
            if (areaCount == areas.length) {
                areas = Arrays.copyOf(areas, areas.length * 2);
            }
            areas[areaCount] = area;
            areasInOrder = areas;
            areaCount = areaCount + 1;
            AREAS.put(areaId, area);
            return area;
        }
    }

    private static int registerTask(Area area, String taskId) {
        synchronized (LOCK) {
            Integer known = area.tasks.get(taskId);
            if (known != null) {
                return known;
            }
            int slot = addSlot(areaIds[area.slot], taskId);
            int[] tasks = Arrays.copyOf(area.taskSlots, area.taskSlots.length + 1);
            tasks[tasks.length - 1] = slot;
            area.taskSlots = tasks;
            area.tasks.put(taskId, slot);
            return slot;
        }
    }

    private static int addSlot(String areaId, String taskId) {
        int slot = size;
        String[] areas = areaIds;
        String[] tasks = taskIds;
        if (slot == areas.length) {
            areas = Arrays.copyOf(areas, areas.length * 2);
            tasks = Arrays.copyOf(tasks, tasks.length * 2);
        }
        areas[slot] = areaId;
        tasks[slot] = taskId;
        areaIds = areas;
        taskIds = tasks;
        size = slot + 1;
        return slot;
    }

    /** An area's slot and the slots of its tasks, in the order they were registered. */
    static final class Area {

        final int slot;
        final ConcurrentHashMap<String, Integer> tasks = new ConcurrentHashMap<>();
        volatile int[] taskSlots = new int[0];

        private Area(int slot) {
            this.slot = slot;
        }
    }
}
