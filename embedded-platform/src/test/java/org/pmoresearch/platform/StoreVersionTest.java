package org.pmoresearch.platform;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A read that began before the file was rewritten finishes when the launcher's store holds its version, and fails
 * as H2 fails without it (the control), so the test can tell the two apart.
 */
class StoreVersionTest {

    private static final int ENTRIES = 4_000;

    @TempDir
    Path temporary;

    @Test
    void withoutItsVersionHeldALongReadLosesTheChunksItWasReading() {
        try (MVStore store = filled(temporary.resolve("control.mv.db"))) {
            MVMap<String, String> facts = store.openMap("facts");
            Cursor<String, String> reading = facts.cursor(null);
            readSome(reading);

            rewriteEverything(store, facts);

            assertThatThrownBy(() -> readTheRest(reading))
                    .isInstanceOf(MVStoreException.class)
                    .hasMessageContaining("not found");
        }
    }

    @Test
    void withItsVersionHeldALongReadSeesEveryEntryAsItWasWhenItBegan() {
        try (MVStore store = filled(temporary.resolve("store.mv.db"))) {
            StoreBackend backend = new StoreBackend(store);
            MVMap<String, String> facts = store.openMap("facts");

            int read = backend.holdingItsVersion(() -> {
                Cursor<String, String> reading = facts.cursor(null);
                int first = readSome(reading);
                rewriteEverything(store, facts);
                return first + readTheRest(reading);
            });

            assertThat(read).isEqualTo(ENTRIES);
            assertThat(facts.get(key(0))).startsWith("rewritten");
        }
    }

    /**
     * A store whose entries span several chunks (one per commit, as the background writer makes them) and whose
     * pages are read from the file, not from a cache that would hide a freed chunk.
     */
    private static MVStore filled(Path file) {
        try (MVStore writer = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<String, String> facts = writer.openMap("facts");
            for (int i = 0; i < ENTRIES; i++) {
                facts.put(key(i), "original " + "x".repeat(1_000));
                if (i % 500 == 499) {
                    writer.commit();
                }
            }
        }
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().cacheSize(1).open();
        store.setRetentionTime(0);
        return store;
    }

    /**
     * Writes while a read goes on: more versions than H2 keeps (five) in which every page is replaced, so every
     * chunk the read started on is dead, as a rebuild or the compaction after a burst of inserts leaves them.
     */
    private static void rewriteEverything(MVStore store, MVMap<String, String> facts) {
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < ENTRIES; i++) {
                facts.put(key(i), "rewritten " + round + " " + "y".repeat(1_000));
            }
            store.commit();
        }
    }

    private static int readSome(Cursor<String, String> reading) {
        int read = 0;
        while (read < 10 && reading.hasNext()) {
            reading.next();
            assertThat(reading.getValue()).startsWith("original");
            read++;
        }
        return read;
    }

    private static int readTheRest(Cursor<String, String> reading) {
        int read = 0;
        while (reading.hasNext()) {
            reading.next();
            assertThat(reading.getValue()).startsWith("original");
            read++;
        }
        return read;
    }

    private static String key(int i) {
        return "%08d".formatted(i);
    }
}
