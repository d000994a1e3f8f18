package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.pmoresearch.analytics.config.AnalyticsProperties;
import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Receives batches from the responses topic (binding {@code responses-in-0}) and applies each
 * partition's records to the active generation, up to {@code pmo.analytics.apply-threads} partitions at once: each
 * has its own document and its own conditional write, so they wait on the store side by side instead of one after
 * the other. A store failure propagates once every partition is done: the batch is retried, which the per-partition
 * offsets make safe.
 */
@Component
class ResponseBatchConsumer implements DisposableBean {

    static final String BINDING = "responses-in-0";
    private static final Logger log = LoggerFactory.getLogger(ResponseBatchConsumer.class);

    private final PartitionBatchApplier applier;
    private final StoredOffsetSeeker seeker;
    private final ActiveGeneration generations;
    private final CatalogueVersions catalogues;
    private final AnalyticsProperties properties;
    private final ExecutorService workers;

    ResponseBatchConsumer(PartitionBatchApplier applier, StoredOffsetSeeker seeker, ActiveGeneration generations,
            CatalogueVersions catalogues, AnalyticsProperties properties) {
        this.applier = applier;
        this.seeker = seeker;
        this.generations = generations;
        this.catalogues = catalogues;
        this.properties = properties;
        this.workers = PartitionWork.pool("analytics-apply", properties.applyThreads());
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    void accept(Message<? extends List<?>> batch) {
        if (!catalogues.any()) {
            // Every response answers a published catalogue: none known means the catalogue topic is not read yet.
            throw new IllegalStateException("No catalogue version read yet; the batch is retried");
        }
        Consumer<?, ?> consumer = batch.getHeaders().get(KafkaHeaders.CONSUMER, Consumer.class);
        Instant catalogueDeadline = Instant.now().plus(properties.catalogueWait());
        Generation generation = generations.current();
        Map<TopicPartition, Future<BatchOutcome>> applying = new LinkedHashMap<>();
        for (Map.Entry<Integer, List<ResponseRecord>> partition : ResponseBatch.byPartition(batch).entrySet()) {
            List<ResponseRecord> records = partition.getValue();
            TopicPartition topicPartition = new TopicPartition(records.get(0).topic(), partition.getKey());
            if (!seeker.isPositionedFor(topicPartition, generation)) {
                log.info("{} was positioned for another generation; re-reading it for generation {}",
                        topicPartition, generation.number());
                resyncIfStillAssigned(consumer, topicPartition);
                continue;
            }
            boolean positioned = seeker.isFreshlyPositioned(topicPartition);
            applying.put(topicPartition, workers.submit(() -> applier.applyLive(generation, topicPartition.topic(),
                    topicPartition.partition(), records, catalogueDeadline, positioned)));
        }
        // The consumer is this thread's alone: re-positioning waits until every partition is done.
        // Partitions stored before a failure skip what they hold when the batch comes again.
        PartitionWork.awaitAll(applying, (partition, outcome) -> {
            switch (outcome) {
                case APPLIED -> seeker.applied(partition);
                case TAKEN_OVER -> {
                    log.warn("{} was stored by another consumer first; dropped this batch's work on it", partition);
                    resyncIfStillAssigned(consumer, partition);
                }
                // The applier logged which offsets were missing.
                case RECORDS_MISSING -> resyncIfStillAssigned(consumer, partition);
            }
        });
    }

    // The other writer may have stored less than this batch covered, a new generation holds other offsets, and
    // records read past must be read again: re-reading from the stored offset ensures no record is skipped if this
    // consumer keeps the partition.
    private void resyncIfStillAssigned(Consumer<?, ?> consumer, TopicPartition partition) {
        if (consumer != null && consumer.assignment().contains(partition)) {
            seeker.seekAfterStoredOffset(consumer, partition);
        }
    }
}
