package org.pmoresearch.analytics.store;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Map;

/** One document per partition of the responses topic: its counts and the last offset applied to them. */
@Document(PartitionCountsDocument.COLLECTION)
record PartitionCountsDocument(
        @Id String id,
        int partition,
        long lastOffset,
        long totalResponses,
        Map<String, AreaCountsDocument> areas,
        Instant updatedAt) {

    static final String COLLECTION = "partition_counts";

    record AreaCountsDocument(long count, Map<String, Long> tasks) {
    }
}
