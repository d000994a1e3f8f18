package org.pmoresearch.analytics.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.bson.Document;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.TestEvents;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.store.PartitionCountsStore.StoredCounts;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionCountsStoreTest {

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String TOPIC = "responses";
    private static final Generation FIRST = Generation.FIRST;
    private static final Map<String, List<String>> RISK = Map.of("risk-management", List.of("risk-register"));

    private final MongoTemplate mongo = MONGO.template();
    private final PartitionCountsStore store = new PartitionCountsStore(mongo);

    @Test
    void aPartitionWithoutADocumentStartsBeforeTheFirstOffset() {
        PartitionCounts counts = store.load(FIRST, TOPIC, 4);

        assertThat(counts.lastOffset()).isEqualTo(PartitionCounts.NO_OFFSET);
        assertThat(counts.counts().all().totalResponses()).isZero();
        assertThat(store.lastOffset(FIRST, TOPIC, 4)).isEqualTo(PartitionCounts.NO_OFFSET);
    }

    @Test
    void storedCountsSegmentsAndOffsetAreReadBack() {
        PartitionCounts counts = store.load(FIRST, TOPIC, 0);
        counts.counts().add(segments("enterprise", "uk-ireland"), RISK);
        counts.advanceTo(7);

        assertThat(store.save(counts)).isTrue();

        PartitionCounts reloaded = store.load(FIRST, TOPIC, 0);
        assertThat(reloaded.lastOffset()).isEqualTo(7);
        assertThat(reloaded.counts().all().taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(reloaded.counts().segment("region", "uk-ireland").taskCount("risk-management", "risk-register"))
                .isEqualTo(1);
        assertThat(reloaded.counts().segments()).isEqualTo(counts.counts().segments());
        assertThat(mongo.getCollection("partition_counts").find().first())
                .containsEntry("_id", "responses-0")
                .containsEntry("partition", 0)
                .containsEntry("lastOffset", 7L)
                .containsEntry("totalResponses", 1L)
                .containsKeys("counters", "all", "segments", "updatedAt")
                .doesNotContainKey("areas");
    }

    @Test
    void countsStoredAsNestedMapsAreReadAndPackedWhenNextWritten() {
        Document areas = new Document("risk-management", new Document("count", 2L)
                .append("tasks", new Document("risk-register", 2L).append("risk-reviews", 1L)));
        Document segment = new Document("totalResponses", 1L).append("areas", new Document("risk-management",
                new Document("count", 1L).append("tasks", new Document("risk-register", 1L))));
        mongo.save(new Document("_id", "responses-3").append("partition", 3).append("lastOffset", 9L)
                .append("totalResponses", 2L).append("areas", areas)
                .append("segments", new Document("region", new Document("uk-ireland", segment))),
                "partition_counts");

        PartitionCounts counts = store.load(FIRST, TOPIC, 3);
        assertThat(counts.counts().all().taskCount("risk-management", "risk-reviews")).isEqualTo(1);
        assertThat(counts.counts().segment("region", "uk-ireland").taskCount("risk-management", "risk-register"))
                .isEqualTo(1);
        counts.counts().add(segments("enterprise", "uk-ireland"), RISK);
        counts.advanceTo(10);

        assertThat(store.save(counts)).isTrue();
        PartitionCounts reloaded = store.load(FIRST, TOPIC, 3);
        assertThat(reloaded.counts().all()).isEqualTo(counts.counts().all());
        assertThat(reloaded.counts().segments()).isEqualTo(counts.counts().segments());
        assertThat(reloaded.counts().all().taskCount("risk-management", "risk-register")).isEqualTo(3);
        assertThat(mongo.getCollection("partition_counts").find().first()).containsKey("counters")
                .doesNotContainKey("areas");
    }

    @Test
    void aDocumentWrittenBeforeSegmentsReadsAsHavingNone() {
        mongo.save(new Document("_id", "responses-1").append("partition", 1).append("lastOffset", 3L)
                .append("totalResponses", 1L).append("areas", new Document("ppm-tools",
                        new Document("count", 1L).append("tasks", new Document()))),
                "partition_counts");

        PartitionCounts counts = store.load(FIRST, TOPIC, 1);

        assertThat(counts.counts().all().areaCount("ppm-tools")).isEqualTo(1);
        assertThat(counts.counts().segments()).isEmpty();
    }

    @Test
    void aStaleFirstWriteLosesToTheConsumerThatStoredThePartitionFirst() {
        PartitionCounts stale = store.load(FIRST, TOPIC, 1);
        PartitionCounts current = store.load(FIRST, TOPIC, 1);
        current.advanceTo(5);
        stale.advanceTo(9);

        assertThat(store.save(current)).isTrue();
        assertThat(store.save(stale)).isFalse();
        assertThat(store.lastOffset(FIRST, TOPIC, 1)).isEqualTo(5);
    }

    @Test
    void aStaleWriteLosesOnceAnotherConsumerMovedThePartitionOn() {
        PartitionCounts first = store.load(FIRST, TOPIC, 2);
        first.advanceTo(3);
        store.save(first);
        PartitionCounts stale = store.load(FIRST, TOPIC, 2);
        PartitionCounts current = store.load(FIRST, TOPIC, 2);
        current.advanceTo(6);
        stale.counts().add(Map.of(), Map.of("ppm-tools", List.of()));
        stale.advanceTo(8);

        assertThat(store.save(current)).isTrue();
        assertThat(store.save(stale)).isFalse();
        assertThat(store.load(FIRST, TOPIC, 2).counts().all().totalResponses()).isZero();
    }

    @Test
    void theCountsOfChosenPartitionsAreReadWithTheirOffsets() {
        for (int partition = 0; partition < 3; partition++) {
            PartitionCounts counts = store.load(FIRST, TOPIC, partition);
            counts.counts().add(segments("enterprise", null), RISK);
            counts.advanceTo(partition);
            store.save(counts);
        }

        Map<Integer, StoredCounts> counts = store.countsOf(FIRST, List.of(0, 2, 5));
        assertThat(counts).containsOnlyKeys(0, 2);
        assertThat(counts.get(2).lastOffset()).isEqualTo(2);
        assertThat(counts.get(2).counts().all().taskCount("risk-management", "risk-register")).isEqualTo(1);
        assertThat(counts.get(2).counts().segment("pmoType", "enterprise").totalResponses()).isEqualTo(1);
        assertThat(store.lastOffsets(FIRST)).containsExactly(Map.entry(0, 0L), Map.entry(1, 1L), Map.entry(2, 2L));
        assertThat(PartitionCountsStore.countsVersion(store.lastOffsets(FIRST))).isEqualTo(1 + 2 + 3);
    }

    @Test
    void eachGenerationKeepsItsOwnDocuments() {
        Generation second = FIRST.next();
        PartitionCounts rebuilt = store.load(second, TOPIC, 0);
        rebuilt.counts().add(Map.of(), RISK);
        rebuilt.advanceTo(4);

        store.save(rebuilt);

        assertThat(store.lastOffset(second, TOPIC, 0)).isEqualTo(4);
        assertThat(store.lastOffset(FIRST, TOPIC, 0)).isEqualTo(PartitionCounts.NO_OFFSET);
        assertThat(store.countsOf(FIRST, List.of(0))).isEmpty();
        assertThat(mongo.collectionExists("partition_counts_g2")).isTrue();
        assertThat(PartitionCountsStore.countsVersion(store.lastOffsets(second))).isEqualTo(5);
    }

    private static Map<String, String> segments(String pmoType, String region) {
        return TestEvents.DIMENSIONS.segmentsOf(new RespondentProfile(pmoType, null, null, region, null, null, null, null));
    }
}
