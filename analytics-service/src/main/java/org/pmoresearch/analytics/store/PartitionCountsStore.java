package org.pmoresearch.analytics.store;

import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.domain.SelectionCounts.AreaCount;
import org.pmoresearch.analytics.store.PartitionCountsDocument.AreaCountsDocument;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

@Repository
public class PartitionCountsStore {

    private final MongoOperations mongo;

    public PartitionCountsStore(MongoOperations mongo) {
        this.mongo = mongo;
    }

    public PartitionCounts load(String topic, int partition) {
        return find(topic, partition)
                .map(document -> new PartitionCounts(topic, partition, document.lastOffset(),
                        SelectionCounts.restore(document.totalResponses(), toAreaCounts(document.areas()))))
                .orElseGet(() -> PartitionCounts.empty(topic, partition));
    }

    /** The offset of the last record applied to the partition, or {@link PartitionCounts#NO_OFFSET}. */
    public long lastOffset(String topic, int partition) {
        return find(topic, partition).map(PartitionCountsDocument::lastOffset).orElse(PartitionCounts.NO_OFFSET);
    }

    /**
     * Writes the partition's counts and lastOffset in one single-document write, on condition that the
     * stored lastOffset is still the one they were loaded with.
     * @return false when another writer moved the partition on first: these counts must be dropped
     */
    public boolean save(PartitionCounts counts) {
        PartitionCountsDocument document = toDocument(counts);
        if (counts.storedOffset() == PartitionCounts.NO_OFFSET) {
            try {
                mongo.insert(document);
                return true;
            } catch (DuplicateKeyException anotherWriterWasFirst) {
                return false;
            }
        }
        return mongo.replace(
                query(where("_id").is(document.id()).and("lastOffset").is(counts.storedOffset())),
                document).getMatchedCount() == 1;
    }

    /** The counts of every partition, summed: the public totals. */
    public SelectionCounts sumOfAllPartitions() {
        SelectionCounts sum = new SelectionCounts();
        mongo.findAll(PartitionCountsDocument.class).forEach(document ->
                sum.addAll(SelectionCounts.restore(document.totalResponses(), toAreaCounts(document.areas()))));
        return sum;
    }

    private Optional<PartitionCountsDocument> find(String topic, int partition) {
        return Optional.ofNullable(
                mongo.findById(PartitionCounts.documentId(topic, partition), PartitionCountsDocument.class));
    }

    private static PartitionCountsDocument toDocument(PartitionCounts counts) {
        Map<String, AreaCountsDocument> areas = new LinkedHashMap<>();
        counts.counts().areas().forEach((areaId, area) ->
                areas.put(areaId, new AreaCountsDocument(area.count(), area.tasks())));
        return new PartitionCountsDocument(counts.documentId(), counts.partition(), counts.lastOffset(),
                counts.counts().totalResponses(), areas, Instant.now());
    }

    private static Map<String, AreaCount> toAreaCounts(Map<String, AreaCountsDocument> areas) {
        Map<String, AreaCount> counts = new LinkedHashMap<>();
        if (areas != null) {
            areas.forEach((areaId, area) ->
                    counts.put(areaId, new AreaCount(area.count(), area.tasks() == null ? Map.of() : area.tasks())));
        }
        return counts;
    }
}
