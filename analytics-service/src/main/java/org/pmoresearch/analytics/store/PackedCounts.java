package org.pmoresearch.analytics.store;

import org.bson.types.Binary;
import org.pmoresearch.analytics.domain.CounterSlots;
import org.pmoresearch.analytics.domain.SelectionCounts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        // Counter slot to its position in names, plus one; zero for a counter not named yet.
        private int[] positions = new int[CounterSlots.size()];
        private long[] values = new long[0];

        Binary pack(SelectionCounts counts) {
            Arrays.fill(values, 0);
            int[] length = {0};
            counts.forEachCounter((slot, value) -> {
                int position = position(slot);
                if (position >= values.length) {
                    values = Arrays.copyOf(values, Math.max(position + 1, names.size()));
                }
                values[position] = value;
                length[0] = Math.max(length[0], position + 1);
            });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(length[0] * 2);
            for (int position = 0; position < length[0]; position++) {
                writeVarLong(bytes, values[position]);
            }
            return new Binary(bytes.toByteArray());
        }

        /** The names of the counters, in the order every packed set follows. */
        List<String> names() {
            return List.copyOf(names);
        }

        private int position(int slot) {
            if (slot >= positions.length) {
                positions = Arrays.copyOf(positions, Math.max(slot + 1, CounterSlots.size()));
            }
            if (positions[slot] == 0) {
                String taskId = CounterSlots.taskId(slot);
                names.add(taskId == null ? CounterSlots.areaId(slot) : CounterSlots.areaId(slot) + TASK_SEPARATOR + taskId);
                positions[slot] = names.size();
            }
            return positions[slot] - 1;
        }
    }

    /**
     * The names of a partition document's counters, resolved to their {@link CounterSlots} once for all of
     * the document's sets.
     */
    static final class Names {

        private final int[] slots;

        private Names(List<String> names) {
            slots = new int[names.size()];
            for (int position = 0; position < names.size(); position++) {
                String name = names.get(position);
                int separator = name.indexOf(TASK_SEPARATOR);
                slots[position] = separator < 0 ? CounterSlots.area(name)
                        : CounterSlots.task(name.substring(0, separator), name.substring(separator + 1));
            }
        }

        static Names of(List<String> names) {
            return new Names(names);
        }

        int size() {
            return slots.length;
        }
    }

    /**
     * The counts of one packed set; counters at zero are left out, as {@link SelectionCounts} leaves them out.
     * @param names the names the set was packed against, resolved once for all sets of their document
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
        long[] values = new long[names.size()];
        int[] cursor = {0};
        int position = 0;
        for (; cursor[0] < bytes.length; position++) {
            if (position >= names.size()) {
                throw new IllegalStateException("A packed set of counts has more counters than the "
                        + names.size() + " names stored with it");
            }
            values[position] = readVarLong(bytes, cursor);
        }
        return SelectionCounts.restore(totalResponses, names.slots, values, position);
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
