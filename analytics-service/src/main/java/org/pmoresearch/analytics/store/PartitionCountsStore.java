package org.pmoresearch.analytics.store;

import org.bson.Document;
import org.bson.types.Binary;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.HotspotCounts;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.domain.SelectionCounts.AreaCount;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * One document per partition of the responses topic (per generation): its counts overall and per segment,
 * and the last offset applied to them, all replaced in one single-document write:
 * <pre>
 * {_id: "topic-partition", partition, lastOffset, totalResponses,
 *  counters: ["areaId", "areaId/taskId", ...],
 *  all: BinData,
 *  segments: {dimension: {value: {totalResponses, counts: BinData}}},
 *  updatedAt}
 * </pre>
 * {@code all} and each segment's {@code counts} are packed against {@code counters} (see {@link PackedCounts}).
 * Documents written before the counts were packed hold them as nested maps,
 * {@code areas: {areaId: {count, tasks: {taskId: count}}}}; they are read as they are and packed when next
 * written. Documents are built by hand rather than mapped: this write happens once per partition per batch.
 */
@Repository
public class PartitionCountsStore {

    private static final String PARTITION = "partition";
    private static final String LAST_OFFSET = "lastOffset";
    private static final String TOTAL_RESPONSES = "totalResponses";
    private static final String AREAS = "areas";
    private static final String COUNT = "count";
    private static final String TASKS = "tasks";
    private static final String SEGMENTS = "segments";
    private static final String COUNTERS = "counters";
    private static final String ALL = "all";
    private static final String PACKED = "counts";
    private static final String UPDATED_AT = "updatedAt";

    private final MongoOperations mongo;

    public PartitionCountsStore(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public PartitionCounts load(Generation generation, String topic, int partition) {
        Document document = find(generation, topic, partition);
        if (document == null) {
            return PartitionCounts.empty(generation, topic, partition);
        }
        return new PartitionCounts(generation, topic, partition, number(document, LAST_OFFSET), toCounts(document));
    }

    /** The offset of the last record applied to the partition, or {@link PartitionCounts#NO_OFFSET}. */
    public long lastOffset(Generation generation, String topic, int partition) {
        Document document = find(generation, topic, partition);
        return document == null ? PartitionCounts.NO_OFFSET : number(document, LAST_OFFSET);
    }

    /** Partition number to the offset of the last record applied to it, for the partitions with a document. */
    public Map<Integer, Long> lastOffsets(Generation generation) {
        Query offsetsOnly = new Query();
        offsetsOnly.fields().include(PARTITION).include(LAST_OFFSET);
        Map<Integer, Long> offsets = new TreeMap<>();
        mongo.find(offsetsOnly, Document.class, generation.countsCollection()).forEach(document ->
                offsets.put((int) number(document, PARTITION), number(document, LAST_OFFSET)));
        return offsets;
    }

    /**
     * A number that grows with every counts write of the generation (the sum of the partitions' last
     * offsets): one small query ({@link #lastOffsets}) tells whether any instance has stored new counts.
     */
    public static long countsVersion(Map<Integer, Long> lastOffsets) {
        return lastOffsets.values().stream().mapToLong(offset -> offset + 1).sum();
    }

    /**
     * Writes the partition's counts and lastOffset in one single-document write, on condition that the
     * stored lastOffset is still the one they were loaded with.
     * @return false when another writer moved the partition on first: these counts must be dropped
     */
    public boolean save(PartitionCounts counts) {
        Document document = toDocument(counts);
        String collection = counts.generation().countsCollection();
        if (counts.storedOffset() == PartitionCounts.NO_OFFSET) {
            try {
                mongo.insert(document, collection);
                return true;
            } catch (DuplicateKeyException anotherWriterWasFirst) {
                return false;
            }
        }
        return mongo.replace(query(where("_id").is(counts.documentId()).and(LAST_OFFSET).is(counts.storedOffset())),
                document, collection).getMatchedCount() == 1;
    }

    /**
     * The counts of those of {@code partitions} that have a document, each with the lastOffset stored with it.
     * @return partition number to its counts
     */
    public Map<Integer, StoredCounts> countsOf(Generation generation, Collection<Integer> partitions) {
        Map<Integer, StoredCounts> counts = new TreeMap<>();
        mongo.find(query(where(PARTITION).in(partitions)), Document.class, generation.countsCollection())
                .forEach(document -> counts.put((int) number(document, PARTITION),
                        new StoredCounts(number(document, LAST_OFFSET), toCounts(document))));
        return counts;
    }

    private Document find(Generation generation, String topic, int partition) {
        return mongo.findById(PartitionCounts.documentId(topic, partition), Document.class,
                generation.countsCollection());
    }

    private static Document toDocument(PartitionCounts counts) {
        PackedCounts.Writer packer = new PackedCounts.Writer();
        SelectionCounts all = counts.counts().all();
        Binary packedAll = packer.pack(all);
        Document segments = new Document();
        counts.counts().segments().forEach((dimension, values) -> {
            Document byValue = new Document();
            values.forEach((value, segment) -> byValue.append(value, new Document(TOTAL_RESPONSES,
                    segment.totalResponses()).append(PACKED, packer.pack(segment))));
            segments.append(dimension, byValue);
        });
        return new Document("_id", counts.documentId())
                .append(PARTITION, counts.partition())
                .append(LAST_OFFSET, counts.lastOffset())
                .append(TOTAL_RESPONSES, all.totalResponses())
                .append(COUNTERS, packer.names())
                .append(ALL, packedAll)
                .append(SEGMENTS, segments)
                .append(UPDATED_AT, new Date());
    }

    private static HotspotCounts toCounts(Document document) {
        List<String> names = document.getList(COUNTERS, String.class);
        return names == null ? toCountsFromMaps(document) : toCountsFromPacked(document, names);
    }

    private static HotspotCounts toCountsFromPacked(Document document, List<String> storedNames) {
        PackedCounts.Names names = PackedCounts.Names.of(storedNames);
        Map<String, Map<String, SelectionCounts>> segments = new LinkedHashMap<>();
        document.get(SEGMENTS, Document.class).forEach((dimension, values) -> {
            Map<String, SelectionCounts> byValue = new LinkedHashMap<>();
            ((Document) values).forEach((value, segment) -> byValue.put(value, PackedCounts.unpack(
                    number((Document) segment, TOTAL_RESPONSES), names, ((Document) segment).get(PACKED))));
            segments.put(dimension, byValue);
        });
        return HotspotCounts.restore(PackedCounts.unpack(number(document, TOTAL_RESPONSES), names,
                document.get(ALL)), segments);
    }

    // Documents written before segments existed have none: their responses are in no segment until a rebuild.
    private static HotspotCounts toCountsFromMaps(Document document) {
        Map<String, Map<String, SelectionCounts>> segments = new LinkedHashMap<>();
        Document stored = document.get(SEGMENTS, Document.class);
        if (stored != null) {
            stored.forEach((dimension, values) -> {
                Map<String, SelectionCounts> byValue = new LinkedHashMap<>();
                ((Document) values).forEach((value, segment) -> byValue.put(value,
                        toSelectionCounts(number((Document) segment, TOTAL_RESPONSES),
                                ((Document) segment).get(AREAS, Document.class))));
                segments.put(dimension, byValue);
            });
        }
        return HotspotCounts.restore(toSelectionCounts(number(document, TOTAL_RESPONSES),
                document.get(AREAS, Document.class)), segments);
    }

    private static SelectionCounts toSelectionCounts(long totalResponses, Document areas) {
        Map<String, AreaCount> counts = new LinkedHashMap<>();
        if (areas != null) {
            areas.forEach((areaId, area) -> {
                Map<String, Long> tasks = new LinkedHashMap<>();
                Document storedTasks = ((Document) area).get(TASKS, Document.class);
                if (storedTasks != null) {
                    storedTasks.forEach((taskId, count) -> tasks.put(taskId, ((Number) count).longValue()));
                }
                counts.put(areaId, new AreaCount(number((Document) area, COUNT), tasks));
            });
        }
        return SelectionCounts.restore(totalResponses, counts);
    }

    private static long number(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }

    /** A partition's counts as stored, with the offset of the last record applied to them. */
    public record StoredCounts(long lastOffset, HotspotCounts counts) {
    }
}
