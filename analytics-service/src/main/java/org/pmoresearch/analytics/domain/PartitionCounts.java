package org.pmoresearch.analytics.domain;

/**
 * A partition's counts together with the offset of the last record applied to them, as stored in
 * one document of one generation. {@code lastOffset} is -1 before any record.
 */
public final class PartitionCounts {

    public static final long NO_OFFSET = -1;

    private final Generation generation;
    private final String topic;
    private final int partition;
    private final long storedOffset;
    private long lastOffset;
    private final HotspotCounts counts;

    public PartitionCounts(Generation generation, String topic, int partition, long storedOffset, HotspotCounts counts) {
        this.generation = generation;
        this.topic = topic;
        this.partition = partition;
        this.storedOffset = storedOffset;
        this.lastOffset = storedOffset;
        this.counts = counts;
    }

    public static PartitionCounts empty(Generation generation, String topic, int partition) {
        return new PartitionCounts(generation, topic, partition, NO_OFFSET, new HotspotCounts());
    }

    public static String documentId(String topic, int partition) {
        return topic + "-" + partition;
    }

    public String documentId() {
        return documentId(topic, partition);
    }

    public boolean isApplied(long offset) {
        return offset <= lastOffset;
    }

    public void advanceTo(long offset) {
        if (offset <= lastOffset) {
            throw new IllegalArgumentException("offset " + offset + " is not after " + lastOffset);
        }
        lastOffset = offset;
    }

    public boolean hasAdvanced() {
        return lastOffset != storedOffset;
    }

    /** These counts as they are once stored: their lastOffset is the condition of the next write. */
    public PartitionCounts asStored() {
        return new PartitionCounts(generation, topic, partition, lastOffset, counts);
    }

    public Generation generation() {
        return generation;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    /** The lastOffset read from the store: the condition of the next write. */
    public long storedOffset() {
        return storedOffset;
    }

    public long lastOffset() {
        return lastOffset;
    }

    public HotspotCounts counts() {
        return counts;
    }
}
