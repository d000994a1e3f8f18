package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Positions the responses consumer on each assigned partition right after the last offset stored with
 * the partition's counts in the active generation, so that Kafka's committed offsets play no part in what
 * gets counted. It remembers which generation each partition was positioned for: a batch read for another
 * generation must not be applied to the new one. Each positioning drops the counts held for the partition, so
 * the first batch after it starts from the store, and is remembered until a batch of the partition is applied:
 * only that first batch may begin past the stored offset (see {@link PartitionBatchApplier#applyLive}).
 */
@Component
class StoredOffsetSeeker implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(StoredOffsetSeeker.class);

    private final PartitionCountsStore partitions;
    private final ActiveGeneration generations;
    private final HeldCounts held;
    private final Map<TopicPartition, Generation> positionedFor = new ConcurrentHashMap<>();
    /** Partitions positioned since their last applied batch: the consumer's next records of them follow the seek. */
    private final Set<TopicPartition> freshlyPositioned = ConcurrentHashMap.newKeySet();

    StoredOffsetSeeker(PartitionCountsStore partitions, ActiveGeneration generations, HeldCounts held) {
        this.partitions = partitions;
        this.generations = generations;
        this.held = held;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
            Collection<TopicPartition> assigned, boolean initial) {
        if (ResponseBatchConsumer.BINDING.equals(bindingName)) {
            assigned.forEach(partition -> seekAfterStoredOffset(consumer, partition));
        }
    }

    boolean isPositionedFor(TopicPartition partition, Generation generation) {
        return generation.equals(positionedFor.get(partition));
    }

    /** Whether the partition was positioned since a batch of it was last applied. */
    boolean isFreshlyPositioned(TopicPartition partition) {
        return freshlyPositioned.contains(partition);
    }

    /** A batch of the partition was applied: later batches carry on from it. */
    void applied(TopicPartition partition) {
        freshlyPositioned.remove(partition);
    }

    void seekAfterStoredOffset(Consumer<?, ?> consumer, TopicPartition partition) {
        held.forget(partition.topic(), partition.partition());
        freshlyPositioned.add(partition);
        Generation generation;
        long lastOffset;
        try {
            generation = generations.current();
            lastOffset = partitions.lastOffset(generation, partition.topic(), partition.partition());
        } catch (DataAccessException storeUnavailable) {
            // Re-reading from the start is always safe; the first batch finds no position and asks again.
            log.warn("Cannot read the stored offset of {}; reading it from the beginning", partition,
                    storeUnavailable);
            positionedFor.remove(partition);
            consumer.seekToBeginning(List.of(partition));
            return;
        }
        if (lastOffset == PartitionCounts.NO_OFFSET) {
            consumer.seekToBeginning(List.of(partition));
        } else {
            consumer.seek(partition, lastOffset + 1);
        }
        positionedFor.put(partition, generation);
        log.info("Consuming {} for generation {} from {}", partition, generation.number(),
                lastOffset == PartitionCounts.NO_OFFSET ? "the beginning" : "offset " + (lastOffset + 1));
    }
}
