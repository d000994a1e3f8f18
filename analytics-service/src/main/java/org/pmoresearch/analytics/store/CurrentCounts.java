package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.HotspotCounts;
import org.springframework.stereotype.Component;

/**
 * The summed counts of the active generation, re-read only when the counts version moved: a read then
 * costs one small query while nothing changes.
 */
@Component
public class CurrentCounts {

    private final ActiveGeneration generations;
    private final PartitionCountsStore partitions;
    private volatile Snapshot cached;

    public CurrentCounts(ActiveGeneration generations, PartitionCountsStore partitions) {
        this.generations = generations;
        this.partitions = partitions;
    }

    /** The version of the counts as stored right now, without reading them. */
    public String version() {
        Generation generation = generations.current();
        return versionOf(generation, partitions.countsVersion(generation));
    }

    /** The counts; callers must not modify them, they are shared until the next change. */
    public Snapshot snapshot() {
        Generation generation = generations.current();
        String version = versionOf(generation, partitions.countsVersion(generation));
        Snapshot known = cached;
        if (known != null && known.version().equals(version)) {
            return known;
        }
        // Counts stored after the version was read are included and picked up again by the next version.
        Snapshot fresh = new Snapshot(version, generation, partitions.sumOfAllPartitions(generation));
        cached = fresh;
        return fresh;
    }

    private static String versionOf(Generation generation, long countsVersion) {
        return generation.number() + "-" + countsVersion;
    }

    /** @param version changes whenever any partition's counts are stored, in any instance */
    public record Snapshot(String version, Generation generation, HotspotCounts counts) {
    }
}
