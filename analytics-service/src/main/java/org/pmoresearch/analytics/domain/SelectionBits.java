package org.pmoresearch.analytics.domain;

import org.pmoresearch.contracts.CatalogueArea;
import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.CatalogueTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A response's selections as two bit sets over one catalogue version: bit {@code i} of the areas is the version's
 * {@code i}-th area, bit {@code j} of the tasks its {@code j}-th task, both in the catalogue's order (groups, then
 * their areas, then their tasks); bit {@code i} is bit {@code i % 8} of byte {@code i / 8}. A task counts under the
 * area that lists it; an area is selected when the response names it, whether or not it names any of its tasks.
 * Selections of about seventy tasks take some twenty bytes instead of over a kilobyte of ids.
 * <p>
 * Immutable and thread-safe.
 */
public final class SelectionBits {

    private final String[] areaIds;
    private final String[] taskIds;
    /** The area of each task, as an index into {@link #areaIds}. */
    private final int[] taskArea;
    private final Map<String, AreaIndex> areas;

    private SelectionBits(CataloguePublished catalogue, CatalogueIds ids) {
        List<String> areaList = new ArrayList<>();
        List<String> taskList = new ArrayList<>();
        List<Integer> taskAreaList = new ArrayList<>();
        Map<String, AreaIndex> byId = new HashMap<>();
        for (CatalogueGroup group : catalogue.groups()) {
            for (CatalogueArea area : group.areas()) {
                int areaIndex = areaList.size();
                String areaId = kept(ids, area.id());
                areaList.add(areaId);
                Map<String, Integer> tasks = new HashMap<>();
                for (CatalogueTask task : area.tasks()) {
                    String taskId = kept(ids, task.id());
                    tasks.put(taskId, taskList.size());
                    taskList.add(taskId);
                    taskAreaList.add(areaIndex);
                }
                byId.put(areaId, new AreaIndex(areaIndex, tasks));
            }
        }
        this.areaIds = areaList.toArray(String[]::new);
        this.taskIds = taskList.toArray(String[]::new);
        this.taskArea = taskAreaList.stream().mapToInt(Integer::intValue).toArray();
        this.areas = byId;
    }

    /** With the catalogue's ids as {@link CatalogueIds#shared()} keeps them, so that the events' ids find them by identity. */
    public static SelectionBits of(CataloguePublished catalogue) {
        return new SelectionBits(catalogue, CatalogueIds.shared());
    }

    private static String kept(CatalogueIds ids, String id) {
        String kept = ids.id(id);
        return kept == null ? id : kept;
    }

    /**
     * @param selections area id to task ids; a null list or a null id names nothing, an id named twice is selected once
     * @return the bits, or null when the selections name an area or a task (of that area) the version does not have
     */
    public Encoded encode(Map<String, List<String>> selections) {
        byte[] areaBits = new byte[bytesFor(areaIds.length)];
        byte[] taskBits = new byte[bytesFor(taskIds.length)];
        for (Map.Entry<String, List<String>> selected : selections.entrySet()) {
            AreaIndex area = areas.get(selected.getKey());
            if (area == null) {
                return null;
            }
            set(areaBits, area.index);
            if (selected.getValue() == null) {
                continue;
            }
            for (String taskId : selected.getValue()) {
                if (taskId == null) {
                    continue;
                }
                Integer task = area.tasks.get(taskId);
                if (task == null) {
                    return null;
                }
                set(taskBits, task);
            }
        }
        return new Encoded(areaBits, taskBits);
    }

    /**
     * The selections the bits stand for: area id to task ids, both in the catalogue's order.
     * @throws IllegalArgumentException when a bit lies beyond the version's areas or tasks, or a task's bit is set
     *                                  without its area's, which {@link #encode} never writes
     */
    public Map<String, List<String>> decode(byte[] areaBits, byte[] taskBits) {
        checkWithin(areaBits, areaIds.length, "area");
        checkWithin(taskBits, taskIds.length, "task");
        Map<Integer, List<String>> tasksByArea = new HashMap<>();
        for (int task = 0; task < taskIds.length; task++) {
            if (isSet(taskBits, task)) {
                tasksByArea.computeIfAbsent(taskArea[task], index -> new ArrayList<>()).add(taskIds[task]);
            }
        }
        Map<String, List<String>> selections = new LinkedHashMap<>();
        for (int area = 0; area < areaIds.length; area++) {
            List<String> tasks = tasksByArea.get(area);
            if (isSet(areaBits, area)) {
                selections.put(areaIds[area], tasks == null ? List.of() : List.copyOf(tasks));
            } else if (tasks != null) {
                throw new IllegalArgumentException("Tasks of area " + areaIds[area] + " are set without the area");
            }
        }
        return selections;
    }

    private static int bytesFor(int bits) {
        return (bits + 7) / 8;
    }

    private static void set(byte[] bits, int index) {
        bits[index >>> 3] |= (byte) (1 << (index & 7));
    }

    private static boolean isSet(byte[] bits, int index) {
        return index >>> 3 < bits.length && (bits[index >>> 3] & (1 << (index & 7))) != 0;
    }

    private static void checkWithin(byte[] bits, int count, String what) {
        for (int index = count; index < bits.length * 8; index++) {
            if (isSet(bits, index)) {
                throw new IllegalArgumentException("Bit " + index + " is set, but the catalogue version has only "
                        + count + " " + what + "s");
            }
        }
    }

    /** The two bit sets of one response's selections. */
    public record Encoded(byte[] areas, byte[] tasks) {
    }

    private record AreaIndex(int index, Map<String, Integer> tasks) {
    }
}
