package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.HotspotCounts;
import org.pmoresearch.analytics.store.PartitionCountsStore.StoredCounts;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summed counts of the active generation, re-read only when the counts version moved: a read then
 * costs one small query while nothing changes. When it moved, only the partitions whose lastOffset moved
 * are read again: while the pipeline catches up, most of them did not move since the last read. The sum is
 * then the previous one with the moved partitions' old counts taken out and their new counts added, when that
 * is less work than adding up every partition again.
 */
@Component
public class CurrentCounts {

    private final ActiveGeneration generations;
    private final PartitionCountsStore partitions;
    private volatile Read cached;

    public CurrentCounts(ActiveGeneration generations, PartitionCountsStore partitions) {
        this.generations = generations;
        this.partitions = partitions;
    }

    /**
     * The counts; callers must not modify them, they are shared until the next change. When they changed, one
     * caller reads them and the others that found them changed meanwhile wait for that read.
     */
    public Snapshot snapshot() {
        Generation generation = generations.current();
        Map<Integer, Long> lastOffsets = partitions.lastOffsets(generation);
        String version = versionOf(generation, PartitionCountsStore.countsVersion(lastOffsets));
        Read known = cached;
        if (known != null && known.snapshot().version().equals(version)) {
            return known.snapshot();
        }
        synchronized (this) {
            if (cached != known) {
                // Read while this caller waited: the offsets are read again so that nothing older than what this
                // caller found is answered.
                generation = generations.current();
                lastOffsets = partitions.lastOffsets(generation);
                version = versionOf(generation, PartitionCountsStore.countsVersion(lastOffsets));
                known = cached;
                if (known.snapshot().version().equals(version)) {
                    return known.snapshot();
                }
            }
            Read fresh = read(generation, version, lastOffsets, known);
            cached = fresh;
            return fresh.snapshot();
        }
    }

    // A partition's document with the same lastOffset in the same generation holds the same counts: every
    // write moves lastOffset on, on condition that nobody else moved it first. Counts stored after the
    // version was read are included and picked up again by the next version.
    private Read read(Generation generation, String version, Map<Integer, Long> lastOffsets, Read known) {
        Map<Integer, StoredCounts> byPartition = new TreeMap<>();
        List<Integer> moved = new ArrayList<>();
        lastOffsets.forEach((partition, lastOffset) -> {
            StoredCounts held = known == null || !known.snapshot().generation().equals(generation)
                    ? null : known.partitions().get(partition);
            if (held != null && held.lastOffset() == lastOffset) {
                byPartition.put(partition, held);
            } else {
                moved.add(partition);
            }
        });
        if (!moved.isEmpty()) {
            byPartition.putAll(partitions.countsOf(generation, moved));
        }
        return new Read(new Snapshot(version, generation, sum(generation, byPartition, known)), byPartition);
    }

    // A copy, then one subtraction and one addition per partition that changed, against one addition per partition.
    // Within a generation a partition's document is never removed, so every partition of the last read is here too;
    // one that was not read again is the very same StoredCounts.
    private static HotspotCounts sum(Generation generation, Map<Integer, StoredCounts> byPartition, Read known) {
        if (known != null && known.snapshot().generation().equals(generation)) {
            List<Integer> changed = new ArrayList<>();
            byPartition.forEach((partition, stored) -> {
                if (stored != known.partitions().get(partition)) {
                    changed.add(partition);
                }
            });
            if (1 + 2 * changed.size() < byPartition.size()) {
                HotspotCounts sum = known.snapshot().counts().copy();
                for (Integer partition : changed) {
                    StoredCounts before = known.partitions().get(partition);
                    if (before != null) {
                        sum.subtractAll(before.counts());
                    }
                    sum.addAll(byPartition.get(partition).counts());
                }
                return sum;
            }
        }
        HotspotCounts sum = new HotspotCounts();
        byPartition.values().forEach(stored -> sum.addAll(stored.counts()));
        return sum;
    }

    private static String versionOf(Generation generation, long countsVersion) {
        return generation.number() + "-" + countsVersion;
    }

    /** @param version changes whenever any partition's counts are stored, in any instance */
    public record Snapshot(String version, Generation generation, HotspotCounts counts) {
    }

    /** A snapshot with the partition counts it summed, to be reused by the next read. */
    private record Read(Snapshot snapshot, Map<Integer, StoredCounts> partitions) {
    }
}
