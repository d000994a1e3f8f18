package org.pmoresearch.analytics.store;

import org.bson.types.Binary;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.domain.SelectionCounts.AreaCount;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters of a partition document, packed: their names once ({@code "areaId"} for an area,
 * {@code "areaId/taskId"} for a task), and each set of counts (all responses, every segment) as a binary
 * of zig-zag varints in the order of the names, trailing zeros left out.
 * <p>
 * A partition document holds about fifty sets of about 150 counters and is rewritten with every batch.
 * As nested maps it was over 200 KB of keys, and each write re-encoded every key; packed it is a tenth of
 * that and one value per set. Ids follow the catalogue's format ({@code ^[a-z0-9]+(-[a-z0-9]+)*$}), so
 * {@code /} cannot occur in them.
 */
final class PackedCounts {

    private static final char TASK_SEPARATOR = '/';

    private PackedCounts() {
    }

    /** Packs sets of counts against one list of names that grows as the sets bring new counters. */
    static final class Writer {

        private final List<String> names = new ArrayList<>();
        private final Map<String, Integer> positions = new HashMap<>();

        Binary pack(SelectionCounts counts) {
            Map<String, AreaCount> areas = counts.areas();
            areas.forEach((areaId, area) -> {
                position(areaId);
                area.tasks().keySet().forEach(taskId -> position(areaId + TASK_SEPARATOR + taskId));
            });
            long[] values = new long[names.size()];
            areas.forEach((areaId, area) -> {
                values[position(areaId)] = area.count();
                area.tasks().forEach((taskId, count) -> values[position(areaId + TASK_SEPARATOR + taskId)] = count);
            });
            int length = values.length;
            while (length > 0 && values[length - 1] == 0) {
                length--;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(length * 2);
            for (int position = 0; position < length; position++) {
                writeVarLong(bytes, values[position]);
            }
            return new Binary(bytes.toByteArray());
        }

        /** The names of the counters, in the order every packed set follows. */
        List<String> names() {
            return List.copyOf(names);
        }

        private int position(String name) {
            return positions.computeIfAbsent(name, added -> {
                names.add(added);
                return names.size() - 1;
            });
        }
    }

    /**
     * The names of a partition document's counters, split into area and task ids once for all of its sets. The ids are
     * the JVM's canonical strings ({@link String#intern()}), as are those of the responses counted
     * ({@link SelectionCounts#distinctTasks}): the counts of every partition and segment then share the same
     * instances, so summing them compares ids by reference instead of character by character.
     */
    static final class Names {

        private final String[] areaIds;
        private final String[] taskIds;

        private Names(List<String> names) {
            areaIds = new String[names.size()];
            taskIds = new String[names.size()];
            for (int position = 0; position < names.size(); position++) {
                String name = names.get(position);
                int separator = name.indexOf(TASK_SEPARATOR);
                areaIds[position] = (separator < 0 ? name : name.substring(0, separator)).intern();
                taskIds[position] = separator < 0 ? null : name.substring(separator + 1).intern();
            }
        }

        static Names of(List<String> names) {
            return new Names(names);
        }

        int size() {
            return areaIds.length;
        }
    }

    /**
     * The counts of one packed set; counters at zero are left out, as {@link SelectionCounts} leaves them out.
     * @param names the names the set was packed against, split once for all sets of their document
     * @param packed the set as read from the store: a {@link Binary} or its bytes
     */
    static SelectionCounts unpack(long totalResponses, Names names, Object packed) {
        byte[] bytes;
        if (packed instanceof Binary binary) {
            bytes = binary.getData();
        } else if (packed instanceof byte[] data) {
            bytes = data;
        } else {
            throw new IllegalStateException("A packed set of counts is " + (packed == null ? "missing"
                    : "a " + packed.getClass().getName()));
        }
        Map<String, Long> areaCounts = new LinkedHashMap<>();
        Map<String, Map<String, Long>> taskCounts = new HashMap<>();
        int[] cursor = {0};
        for (int position = 0; cursor[0] < bytes.length; position++) {
            if (position >= names.size()) {
                throw new IllegalStateException("A packed set of counts has more counters than the "
                        + names.size() + " names stored with it");
            }
            long value = readVarLong(bytes, cursor);
            if (value == 0) {
                continue;
            }
            String areaId = names.areaIds[position];
            String taskId = names.taskIds[position];
            if (taskId == null) {
                areaCounts.put(areaId, value);
            } else {
                taskCounts.computeIfAbsent(areaId, area -> new HashMap<>()).put(taskId, value);
            }
        }
        Map<String, AreaCount> areas = new LinkedHashMap<>();
        areaCounts.forEach((areaId, count) ->
                areas.put(areaId, new AreaCount(count, taskCounts.getOrDefault(areaId, Map.of()))));
        return SelectionCounts.restore(totalResponses, areas);
    }

    // Zig-zag: small negative numbers (a counter corrected below zero) stay short too.
    private static void writeVarLong(ByteArrayOutputStream bytes, long value) {
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7FL) != 0) {
            bytes.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        bytes.write((int) zigZag);
    }

    private static long readVarLong(byte[] bytes, int[] cursor) {
        long zigZag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (cursor[0] >= bytes.length) {
                throw new IllegalStateException("A packed set of counts ends inside a counter");
            }
            byte next = bytes[cursor[0]++];
            zigZag |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return (zigZag >>> 1) ^ -(zigZag & 1);
            }
        }
        throw new IllegalStateException("A packed counter is longer than 64 bits");
    }
}
