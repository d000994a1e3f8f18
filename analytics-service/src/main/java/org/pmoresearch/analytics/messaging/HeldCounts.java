package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counts of the partitions this instance applies records to, kept in memory from one batch to the next, so
 * that a partition's document is read from the store only when this instance did not write it last.
 * <p>
 * A batch takes its partition's counts out and they come back only once stored (or when the batch stored nothing):
 * a failed write, a write refused because another instance moved the partition on, or an exception half-way
 * through a batch leaves nothing here, and the next batch reads the store. A copy that went stale without this
 * instance knowing (another instance wrote the partition in between) does no harm either: its write is conditional
 * on the offset it was read with, so it is refused and the partition re-read, exactly as without the copy. The
 * consumer forgets a partition whenever it is assigned or re-positioned, and copies of generations older than the
 * active one are dropped as soon as a newer one is kept.
 */
@Component
class HeldCounts {

    private final PartitionCountsStore store;
    private final ActiveGeneration generations;
    private final Map<Key, PartitionCounts> held = new ConcurrentHashMap<>();

    HeldCounts(PartitionCountsStore store, ActiveGeneration generations) {
        this.store = store;
        this.generations = generations;
    }

    /** The partition's counts as this instance last stored them, or as the store has them. */
    PartitionCounts take(Generation generation, String topic, int partition) {
        PartitionCounts kept = held.remove(new Key(generation, topic, partition));
        return kept != null ? kept : store.load(generation, topic, partition);
    }

    /**
     * Stores the counts with their last offset (see {@link PartitionCountsStore#save}) and keeps them for the
     * partition's next batch.
     * @return false when another writer moved the partition on first: the counts are dropped
     */
    boolean save(PartitionCounts counts) {
        if (!store.save(counts)) {
            return false;
        }
        putBack(counts.asStored());
        return true;
    }

    /** Keeps counts that match what the store holds: taken and left unchanged, or just stored. */
    void putBack(PartitionCounts counts) {
        if (counts.hasAdvanced()) {
            throw new IllegalArgumentException("counts of " + counts.documentId() + " are ahead of the store");
        }
        int oldestKept = Math.min(counts.generation().number(), generations.current().number());
        held.keySet().removeIf(key -> key.generation().number() < oldestKept);
        held.put(new Key(counts.generation(), counts.topic(), counts.partition()), counts);
    }

    /** Drops the copies of a partition: the next batch of it reads the store. */
    void forget(String topic, int partition) {
        held.keySet().removeIf(key -> key.topic().equals(topic) && key.partition() == partition);
    }

    private record Key(Generation generation, String topic, int partition) {
    }
}
