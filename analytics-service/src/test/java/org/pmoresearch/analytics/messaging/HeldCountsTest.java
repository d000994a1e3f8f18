package org.pmoresearch.analytics.messaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pmoresearch.analytics.MongoTestServer;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.AnalyticsStateStore;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real MongoDB wire-protocol server; what the store holds is changed behind the copies' back. */
class HeldCountsTest {

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String TOPIC = "responses";
    private static final Generation FIRST = Generation.FIRST;
    private static final Map<String, List<String>> RISK = Map.of("risk-management", List.of("risk-register"));

    private final MongoTemplate mongo = MONGO.template();
    private final PartitionCountsStore store = new PartitionCountsStore(mongo);
    private final AnalyticsStateStore state = new AnalyticsStateStore(mongo);
    private final ActiveGeneration generations = new ActiveGeneration(state);
    private final HeldCounts held = new HeldCounts(store, generations);

    @Test
    void countsItStoredAreKeptForTheNextBatchAsTheConditionOfItsWrite() {
        assertThat(held.save(counted(held.take(FIRST, TOPIC, 0), 4))).isTrue();
        mongo.dropCollection(FIRST.countsCollection());

        PartitionCounts next = held.take(FIRST, TOPIC, 0);

        assertThat(next.storedOffset()).isEqualTo(4);
        assertThat(next.counts().all().totalResponses()).isEqualTo(1);
    }

    @Test
    void aTakenCopyIsGoneUntilItIsPutBack() {
        assertThat(held.save(counted(held.take(FIRST, TOPIC, 0), 4))).isTrue();
        held.take(FIRST, TOPIC, 0);

        assertThat(held.take(FIRST, TOPIC, 0).counts().all().totalResponses()).isEqualTo(1);
        mongo.dropCollection(FIRST.countsCollection());
        assertThat(held.take(FIRST, TOPIC, 0).lastOffset()).isEqualTo(PartitionCounts.NO_OFFSET);
    }

    @Test
    void aRefusedWriteKeepsNothing() {
        PartitionCounts stale = held.take(FIRST, TOPIC, 0);
        PartitionCounts otherWriter = store.load(FIRST, TOPIC, 0);
        otherWriter.advanceTo(9);
        store.save(otherWriter);

        assertThat(held.save(counted(stale, 4))).isFalse();

        assertThat(held.take(FIRST, TOPIC, 0).storedOffset()).isEqualTo(9);
    }

    @Test
    void countsAheadOfTheStoreAreNotKept() {
        PartitionCounts advanced = counted(held.take(FIRST, TOPIC, 0), 2);

        assertThatThrownBy(() -> held.putBack(advanced)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aForgottenPartitionIsReadFromTheStoreInEveryGeneration() {
        Generation next = FIRST.next();
        assertThat(held.save(counted(held.take(FIRST, TOPIC, 0), 4))).isTrue();
        assertThat(held.save(counted(held.take(next, TOPIC, 0), 6))).isTrue();
        assertThat(held.save(counted(held.take(FIRST, TOPIC, 1), 3))).isTrue();
        mongo.dropCollection(FIRST.countsCollection());
        mongo.dropCollection(next.countsCollection());

        held.forget(TOPIC, 0);

        assertThat(held.take(FIRST, TOPIC, 0).lastOffset()).isEqualTo(PartitionCounts.NO_OFFSET);
        assertThat(held.take(next, TOPIC, 0).lastOffset()).isEqualTo(PartitionCounts.NO_OFFSET);
        assertThat(held.take(FIRST, TOPIC, 1).storedOffset()).isEqualTo(3);
    }

    @Test
    void copiesOfAGenerationNoLongerActiveAreDroppedOnceANewerOneIsKept() {
        Generation rebuilt = FIRST.next();
        assertThat(held.save(counted(held.take(FIRST, TOPIC, 0), 4))).isTrue();
        assertThat(held.save(counted(held.take(rebuilt, TOPIC, 1), 5))).isTrue();
        // While the rebuild's generation is not active, the active one's copies stay.
        assertThat(held.take(FIRST, TOPIC, 0).storedOffset()).isEqualTo(4);
        assertThat(held.save(counted(held.take(FIRST, TOPIC, 0), 7))).isTrue();
        assertThat(state.activate(FIRST, rebuilt)).isTrue();
        generations.switchedTo(rebuilt);
        mongo.dropCollection(FIRST.countsCollection());

        assertThat(held.save(counted(held.take(rebuilt, TOPIC, 1), 6))).isTrue();

        assertThat(held.take(FIRST, TOPIC, 0).lastOffset()).isEqualTo(PartitionCounts.NO_OFFSET);
    }

    private static PartitionCounts counted(PartitionCounts counts, long offset) {
        counts.counts().add(Map.of(), RISK);
        counts.advanceTo(offset);
        return counts;
    }
}
