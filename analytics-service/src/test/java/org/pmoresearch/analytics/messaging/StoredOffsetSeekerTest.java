package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Positioning against a real MongoDB wire-protocol server; the consumer is Kafka's own {@link MockConsumer}, which
 * keeps positions as a consumer does (the pipeline through a broker is in the integration tests).
 */
class StoredOffsetSeekerTest {

    @RegisterExtension
    static final MongoTestServer MONGO = MongoTestServer.start();
    private static final String TOPIC = "pmo.survey-responses.v1";
    private static final TopicPartition STORED = new TopicPartition(TOPIC, 0);
    private static final TopicPartition NEW = new TopicPartition(TOPIC, 1);

    private final MongoTemplate mongo = MONGO.template();
    private final PartitionCountsStore store = new PartitionCountsStore(mongo);
    private final ActiveGeneration generations = new ActiveGeneration(new AnalyticsStateStore(mongo));
    private final StoredOffsetSeeker seeker = new StoredOffsetSeeker(store, generations, new HeldCounts(store, generations));
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    @BeforeEach
    void storeCountsUpToOffsetFourOfPartitionZero() {
        PartitionCounts counts = PartitionCounts.empty(Generation.FIRST, TOPIC, 0);
        counts.advanceTo(4);
        assertThat(store.save(counts)).isTrue();
        consumer.assign(List.of(STORED, NEW));
        consumer.updateBeginningOffsets(Map.of(STORED, 0L, NEW, 0L));
    }

    @Test
    void anAssignedPartitionIsReadFromRightAfterItsStoredOffsetOrFromItsBeginning() {
        seeker.onPartitionsAssigned(ResponseBatchConsumer.BINDING, consumer, List.of(STORED, NEW), true);

        assertThat(consumer.position(STORED)).isEqualTo(5);
        assertThat(consumer.position(NEW)).isZero();
        assertThat(seeker.isPositionedFor(STORED, Generation.FIRST)).isTrue();
        assertThat(seeker.isPositionedFor(NEW, Generation.FIRST)).isTrue();
    }

    @Test
    void aPartitionIsFreshlyPositionedFromItsPositioningUntilABatchOfItIsApplied() {
        assertThat(seeker.isFreshlyPositioned(STORED)).isFalse();

        seeker.onPartitionsAssigned(ResponseBatchConsumer.BINDING, consumer, List.of(STORED), true);
        assertThat(seeker.isFreshlyPositioned(STORED)).isTrue();

        seeker.applied(STORED);
        assertThat(seeker.isFreshlyPositioned(STORED)).isFalse();

        seeker.seekAfterStoredOffset(consumer, STORED);
        assertThat(seeker.isFreshlyPositioned(STORED)).isTrue();
        assertThat(seeker.isFreshlyPositioned(NEW)).isFalse();
    }
}
