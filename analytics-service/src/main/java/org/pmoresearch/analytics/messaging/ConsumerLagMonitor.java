package org.pmoresearch.analytics.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.PartitionCountsStore;
import org.pmoresearch.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Gauge {@code pmo.consumer.lag} per partition: records on the responses topic not yet in the stored counts,
 * the end offset minus the stored lastOffset + 1. Measured from the store, so it is the lag of the counts
 * whichever instance consumes the partition.
 */
@Component
class ConsumerLagMonitor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 10;

    private final KafkaClients clients;
    private final PartitionCountsStore partitions;
    private final ActiveGeneration generations;
    private final MeterRegistry registry;
    private final Map<Integer, Long> lags = new ConcurrentHashMap<>();
    private Admin admin;

    ConsumerLagMonitor(KafkaClients clients, PartitionCountsStore partitions, ActiveGeneration generations,
            MeterRegistry registry) {
        this.clients = clients;
        this.partitions = partitions;
        this.generations = generations;
        this.registry = registry;
    }

    @Scheduled(fixedDelayString = "${pmo.analytics.lag-interval:5s}", initialDelayString = "${pmo.analytics.lag-interval:5s}")
    synchronized void measure() {
        try {
            Map<TopicPartition, Long> endOffsets = endOffsets();
            Map<Integer, Long> applied = partitions.lastOffsets(generations.current());
            endOffsets.forEach((partition, end) -> {
                long lastOffset = applied.getOrDefault(partition.partition(), -1L);
                record(partition.partition(), Math.max(0, end - lastOffset - 1));
            });
        } catch (KafkaException | DataAccessException | ExecutionException | TimeoutException e) {
            log.debug("Cannot measure the consumer lag now", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws ExecutionException, InterruptedException, TimeoutException {
        if (admin == null) {
            admin = clients.admin();
        }
        TopicDescription topic = admin.describeTopics(List.of(Topics.SURVEY_RESPONSES)).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(Topics.SURVEY_RESPONSES);
        Map<TopicPartition, OffsetSpec> latest = topic.partitions().stream()
                .collect(Collectors.toMap(info -> new TopicPartition(Topics.SURVEY_RESPONSES, info.partition()),
                        info -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private void record(int partition, long lag) {
        if (lags.put(partition, lag) == null) {
            Gauge.builder("pmo.consumer.lag", lags, values -> values.getOrDefault(partition, 0L))
                    .description("Records of the responses topic not yet in the stored counts")
                    .tag("partition", Integer.toString(partition))
                    .register(registry);
        }
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close();
        }
    }
}
