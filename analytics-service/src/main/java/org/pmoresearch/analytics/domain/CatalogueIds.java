package org.pmoresearch.analytics.domain;

/**
 * The catalogue id format, and one {@link String} per distinct id: the events' area and task ids (read without a new
 * string each) and the catalogue's own ids are the same few hundred instances, so every map they are looked up in
 * (the catalogue's bits, the counters' slots) finds them by identity with their hash already known.
 * <p>
 * Only ids in the catalogue id format are kept, and at most {@link #CAPACITY} of them, so events naming ever new
 * ids cannot grow it; past that, ids are new strings as before, which only makes their lookups slower. Thread-safe:
 * an id is added to a copy of the table under a lock, which is then published; ids are found without one.
 */
public final class CatalogueIds {

    public static final int CAPACITY = 4_096;
    public static final int MAX_ID_LENGTH = 80;
    private static final int SLOTS = CAPACITY * 2;
    private static final CatalogueIds SHARED = new CatalogueIds();

    private final Object lock = new Object();
    private volatile String[] table = new String[SLOTS];
    private int size;

    /**
     * The id held in {@code chars[offset, offset + length)}, as the kept instance.
     * @return null when those characters are not a catalogue id
     */
    public String id(char[] chars, int offset, int length) {
        if (length == 0 || length > MAX_ID_LENGTH) {
            return null;
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        String[] slots = table;
        String kept = slots[probe(slots, hash, null, chars, offset, length)];
        if (kept != null) {
            return kept;
        }
        String id = new String(chars, offset, length);
        return isCatalogueId(id) ? keep(id) : null;
    }

    /** {@code id} as the kept instance, or null when it is not a catalogue id. */
    public String id(String id) {
        String[] slots = table;
        String kept = slots[probe(slots, id.hashCode(), id, null, 0, 0)];
        if (kept != null) {
            return kept;
        }
        return isCatalogueId(id) ? keep(id) : null;
    }

    /** The table the events' reader and the catalogue's bits share. */
    public static CatalogueIds shared() {
        return SHARED;
    }

    /**
     * The catalogue's id format, {@code ^[a-z0-9]+(-[a-z0-9]+)*$}, at most {@value #MAX_ID_LENGTH} characters: ids
     * become keys of stored documents, so nothing else may pass. Checked by hand rather than with a regular
     * expression: it runs for every area and task id of every response.
     */
    public static boolean isCatalogueId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        // Every hyphen-separated part needs a character: the id may not start or end with one, nor hold two in a row.
        boolean partStart = true;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '-') {
                if (partStart) {
                    return false;
                }
                partStart = true;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                partStart = false;
            } else {
                return false;
            }
        }
        return !partStart;
    }

    int size() {
        synchronized (lock) {
            return size;
        }
    }

    private String keep(String id) {
        synchronized (lock) {
            if (size == CAPACITY) {
                return id;
            }
            String[] copy = table.clone();
            int slot = probe(copy, id.hashCode(), id, null, 0, 0);
            if (copy[slot] != null) {
                return copy[slot];
            }
            copy[slot] = id;
            size++;
            table = copy;
            return id;
        }
    }

    /**
     * The slot of the id given as {@code id}, or else as {@code chars[offset, offset + length)}: where it is kept, or
     * the empty slot where it would go. The table is never full: it has twice as many slots as it keeps ids.
     */
    private static int probe(String[] slots, int hash, String id, char[] chars, int offset, int length) {
        for (int slot = spread(hash); ; slot = (slot + 1) & (SLOTS - 1)) {
            String kept = slots[slot];
            if (kept == null || kept == id || (kept.hashCode() == hash
                    && (id != null ? kept.equals(id) : sameChars(kept, chars, offset, length)))) {
                return slot;
            }
        }
    }

    private static int spread(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    private static boolean sameChars(String kept, char[] chars, int offset, int length) {
        if (kept.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (kept.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
