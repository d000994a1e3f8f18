package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.pmoresearch.analytics.config.AnalyticsProperties;
import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Receives batches from the responses topic (binding {@code responses-in-0}) and applies each
 * partition's records to the active generation. A store failure propagates: the batch is retried,
 * which the per-partition offsets make safe.
 */
@Component
class ResponseBatchConsumer {

    static final String BINDING = "responses-in-0";
    private static final Logger log = LoggerFactory.getLogger(ResponseBatchConsumer.class);

    private final PartitionBatchApplier applier;
    private final StoredOffsetSeeker seeker;
    private final ActiveGeneration generations;
    private final CatalogueVersions catalogues;
    private final AnalyticsProperties properties;

    ResponseBatchConsumer(PartitionBatchApplier applier, StoredOffsetSeeker seeker, ActiveGeneration generations,
            CatalogueVersions catalogues, AnalyticsProperties properties) {
        this.applier = applier;
        this.seeker = seeker;
        this.generations = generations;
        this.catalogues = catalogues;
        this.properties = properties;
    }

    void accept(Message<? extends List<?>> batch) {
        if (!catalogues.any()) {
            // Every response answers a published catalogue: none known means the catalogue topic is not read yet.
            throw new IllegalStateException("No catalogue version read yet; the batch is retried");
        }
        Consumer<?, ?> consumer = batch.getHeaders().get(KafkaHeaders.CONSUMER, Consumer.class);
        Instant catalogueDeadline = Instant.now().plus(properties.catalogueWait());
        Generation generation = generations.current();
        for (Map.Entry<Integer, List<ResponseRecord>> partition : ResponseBatch.byPartition(batch).entrySet()) {
            List<ResponseRecord> records = partition.getValue();
            TopicPartition topicPartition = new TopicPartition(records.get(0).topic(), partition.getKey());
            if (!seeker.isPositionedFor(topicPartition, generation)) {
                log.info("{} was positioned for another generation; re-reading it for generation {}",
                        topicPartition, generation.number());
                resyncIfStillAssigned(consumer, topicPartition);
                continue;
            }
            if (!applier.applyLive(generation, topicPartition.topic(), topicPartition.partition(), records,
                    catalogueDeadline)) {
                log.warn("{} was stored by another consumer first; dropped this batch's work on it", topicPartition);
                resyncIfStillAssigned(consumer, topicPartition);
            }
        }
    }

    // The other writer may have stored less than this batch covered, and a new generation holds other
    // offsets: re-reading from the stored offset ensures no record is skipped if this consumer keeps the partition.
    private void resyncIfStillAssigned(Consumer<?, ?> consumer, TopicPartition partition) {
        if (consumer != null && consumer.assignment().contains(partition)) {
            seeker.seekAfterStoredOffset(consumer, partition);
        }
    }
}
