package org.pmoresearch.analytics.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionCountsStoreTest {

    private static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String TOPIC = "responses";

    private final MongoTemplate mongo = MONGO.template();
    private final PartitionCountsStore store = new PartitionCountsStore(mongo);

    @AfterAll
    static void stopMongo() {
        MONGO.close();
    }

    @BeforeEach
    void emptyStore() {
        mongo.getDb().drop();
    }

    @Test
    void aPartitionWithoutADocumentStartsBeforeTheFirstOffset() {
        PartitionCounts counts = store.load(TOPIC, 4);

        assertThat(counts.lastOffset()).isEqualTo(PartitionCounts.NO_OFFSET);
        assertThat(counts.counts().totalResponses()).isZero();
        assertThat(store.lastOffset(TOPIC, 4)).isEqualTo(PartitionCounts.NO_OFFSET);
    }

    @Test
    void storedCountsAndOffsetAreReadBack() {
        PartitionCounts counts = store.load(TOPIC, 0);
        counts.counts().add(Map.of("risk-management", List.of("risk-register")));
        counts.advanceTo(7);

        assertThat(store.save(counts)).isTrue();

        PartitionCounts reloaded = store.load(TOPIC, 0);
        assertThat(reloaded.lastOffset()).isEqualTo(7);
        assertThat(reloaded.counts().taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(mongo.getCollection("partition_counts").find().first())
                .containsEntry("_id", "responses-0")
                .containsEntry("partition", 0)
                .containsEntry("lastOffset", 7L)
                .containsEntry("totalResponses", 1L)
                .containsKeys("areas", "updatedAt");
    }

    @Test
    void aStaleFirstWriteLosesToTheConsumerThatStoredThePartitionFirst() {
        PartitionCounts stale = store.load(TOPIC, 1);
        PartitionCounts current = store.load(TOPIC, 1);
        current.advanceTo(5);
        stale.advanceTo(9);

        assertThat(store.save(current)).isTrue();
        assertThat(store.save(stale)).isFalse();
        assertThat(store.lastOffset(TOPIC, 1)).isEqualTo(5);
    }

    @Test
    void aStaleWriteLosesOnceAnotherConsumerMovedThePartitionOn() {
        PartitionCounts first = store.load(TOPIC, 2);
        first.advanceTo(3);
        store.save(first);
        PartitionCounts stale = store.load(TOPIC, 2);
        PartitionCounts current = store.load(TOPIC, 2);
        current.advanceTo(6);
        stale.counts().add(Map.of("ppm-tools", List.of()));
        stale.advanceTo(8);

        assertThat(store.save(current)).isTrue();
        assertThat(store.save(stale)).isFalse();
        assertThat(store.load(TOPIC, 2).counts().totalResponses()).isZero();
    }

    @Test
    void thePublicTotalsAreTheSumOfEveryPartition() {
        for (int partition = 0; partition < 3; partition++) {
            PartitionCounts counts = store.load(TOPIC, partition);
            counts.counts().add(Map.of("risk-management", List.of("risk-register")));
            counts.advanceTo(0);
            store.save(counts);
        }

        assertThat(store.sumOfAllPartitions().totalResponses()).isEqualTo(3);
        assertThat(store.sumOfAllPartitions().taskCount("risk-management", "risk-register")).isEqualTo(3);
    }
}
