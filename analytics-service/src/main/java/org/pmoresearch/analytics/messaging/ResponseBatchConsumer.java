package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Receives batches from the responses topic (binding {@code responses-in-0}) and applies each
 * partition's records. A store failure propagates: the batch is retried, which the per-partition
 * offsets make safe.
 */
@Component
class ResponseBatchConsumer {

    static final String BINDING = "responses-in-0";
    private static final Logger log = LoggerFactory.getLogger(ResponseBatchConsumer.class);

    private final PartitionBatchApplier applier;
    private final StoredOffsetSeeker seeker;

    ResponseBatchConsumer(PartitionBatchApplier applier, StoredOffsetSeeker seeker) {
        this.applier = applier;
        this.seeker = seeker;
    }

    void accept(Message<? extends List<?>> batch) {
        Consumer<?, ?> consumer = batch.getHeaders().get(KafkaHeaders.CONSUMER, Consumer.class);
        for (Map.Entry<Integer, List<ResponseRecord>> partition : ResponseBatch.byPartition(batch).entrySet()) {
            List<ResponseRecord> records = partition.getValue();
            String topic = records.get(0).topic();
            if (!applier.apply(topic, partition.getKey(), records)) {
                TopicPartition topicPartition = new TopicPartition(topic, partition.getKey());
                log.warn("{} was stored by another consumer first; dropped this batch's work on it", topicPartition);
                resyncIfStillAssigned(consumer, topicPartition);
            }
        }
    }

    // The other writer may have stored less than this batch covered: re-reading from its offset
    // ensures no record between the two is skipped if this consumer keeps the partition.
    private void resyncIfStillAssigned(Consumer<?, ?> consumer, TopicPartition partition) {
        if (consumer != null && consumer.assignment().contains(partition)) {
            seeker.seekAfterStoredOffset(consumer, partition);
        }
    }
}
