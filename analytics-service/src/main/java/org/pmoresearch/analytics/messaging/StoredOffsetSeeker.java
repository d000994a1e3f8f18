package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.pmoresearch.analytics.domain.PartitionCounts;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * Positions the responses consumer on each assigned partition right after the last offset stored with
 * the partition's counts, so that Kafka's committed offsets play no part in what gets counted.
 */
@Component
class StoredOffsetSeeker implements KafkaBindingRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(StoredOffsetSeeker.class);

    private final PartitionCountsStore partitions;

    StoredOffsetSeeker(PartitionCountsStore partitions) {
        this.partitions = partitions;
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
            Collection<TopicPartition> assigned, boolean initial) {
        if (ResponseBatchConsumer.BINDING.equals(bindingName)) {
            assigned.forEach(partition -> seekAfterStoredOffset(consumer, partition));
        }
    }

    void seekAfterStoredOffset(Consumer<?, ?> consumer, TopicPartition partition) {
        long lastOffset;
        try {
            lastOffset = partitions.lastOffset(partition.topic(), partition.partition());
        } catch (DataAccessException storeUnavailable) {
            // Re-reading from the start is always safe: records at or below the stored offset are skipped.
            log.warn("Cannot read the stored offset of {}; reading it from the beginning", partition,
                    storeUnavailable);
            lastOffset = PartitionCounts.NO_OFFSET;
        }
        if (lastOffset == PartitionCounts.NO_OFFSET) {
            consumer.seekToBeginning(List.of(partition));
        } else {
            consumer.seek(partition, lastOffset + 1);
        }
        log.info("Consuming {} from {}", partition,
                lastOffset == PartitionCounts.NO_OFFSET ? "the beginning" : "offset " + (lastOffset + 1));
    }
}
