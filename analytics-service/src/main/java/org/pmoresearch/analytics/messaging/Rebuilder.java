package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.pmoresearch.analytics.config.AnalyticsProperties;
import org.pmoresearch.analytics.domain.Generation;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.AnalyticsStateStore;
import org.pmoresearch.analytics.store.AnalyticsStateStore.RebuildState;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rebuilds facts and counts from the responses topic, from offset zero, into the next generation's fresh
 * collections, with the same logic the live pipeline applies. The live counts keep serving meanwhile. To
 * switch over, the local binding stops, the rebuild reads up to the end offsets of that moment, the active
 * generation pointer flips, and the binding starts again from the new generation's offsets. Other instances
 * follow the pointer within a poll interval: their consumers re-position before applying anything.
 * <p>
 * Like the live consumer, it applies up to {@code pmo.analytics.apply-threads} partitions of a poll at once, so that
 * analytics works on one partition's records while the store writes another's facts.
 */
@Component
public class Rebuilder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuilder.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);
    /** A rebuild that has not reported progress for this long is taken to have died with its instance. */
    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private final AnalyticsStateStore state;
    private final ActiveGeneration generations;
    private final PartitionBatchApplier applier;
    private final KafkaClients clients;
    private final BindingsLifecycleController bindings;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "analytics-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService appliers;

    Rebuilder(AnalyticsStateStore state, ActiveGeneration generations, PartitionBatchApplier applier,
            KafkaClients clients, BindingsLifecycleController bindings, AnalyticsProperties properties) {
        this.state = state;
        this.generations = generations;
        this.applier = applier;
        this.clients = clients;
        this.bindings = bindings;
        this.appliers = PartitionWork.pool("analytics-rebuild-apply", properties.applyThreads());
    }

    /** @return the rebuild just started, or empty when one is already running (in any instance) */
    public Optional<RebuildState> start() {
        Generation active = state.activeGeneration();
        Generation target = active.next();
        RebuildState started = RebuildState.running(UUID.randomUUID().toString(), target, Instant.now());
        if (!state.tryStartRebuild(started, STALE_AFTER)) {
            return Optional.empty();
        }
        worker.execute(() -> run(started, active, target));
        return Optional.of(started);
    }

    public Optional<RebuildState> status() {
        return state.rebuild();
    }

    private void run(RebuildState rebuild, Generation active, Generation target) {
        log.info("Rebuild {} into generation {} started", rebuild.rebuildId(), target.number());
        Progress progress = new Progress(rebuild);
        boolean bindingStopped = false;
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(null)) {
            state.dropCollections(target);
            List<TopicPartition> partitions = KafkaClients.partitionsOf(consumer, Topics.SURVEY_RESPONSES);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            readUpTo(consumer, consumer.endOffsets(partitions), target, progress);

            bindings.stop(ResponseBatchConsumer.BINDING);
            bindingStopped = true;
            readUpTo(consumer, consumer.endOffsets(partitions), target, progress);
            if (!state.activate(active, target)) {
                throw new IllegalStateException("generation " + active.number() + " stopped being active");
            }
            generations.switchedTo(target);
            state.updateRebuild(rebuild.completed(progress.applied, Instant.now()));
            log.info("Rebuild {} completed: {} events applied; generation {} is active", rebuild.rebuildId(),
                    progress.applied, target.number());
        } catch (RuntimeException e) {
            log.error("Rebuild {} failed; generation {} stays active", rebuild.rebuildId(), active.number(), e);
            state.updateRebuild(rebuild.failed(progress.applied, Instant.now(), e.toString()));
        } finally {
            if (bindingStopped) {
                bindings.start(ResponseBatchConsumer.BINDING);
            }
        }
    }

    private void readUpTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> endOffsets,
            Generation target, Progress progress) {
        while (!KafkaClients.reached(consumer, endOffsets)) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL_TIMEOUT);
            Map<TopicPartition, Future<Boolean>> applying = new LinkedHashMap<>();
            for (TopicPartition partition : polled.partitions()) {
                List<ResponseRecord> records = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : polled.records(partition)) {
                    records.add(new ResponseRecord(record.topic(), record.partition(), record.offset(), record.key(),
                            KafkaClients.header(record, EventHeaders.EVENT_TYPE), record.value()));
                }
                applying.put(partition, appliers.submit(() ->
                        applier.applyRebuild(target, partition.topic(), partition.partition(), records)));
            }
            PartitionWork.awaitAll(applying, (partition, applied) -> {
                if (!applied) {
                    throw new IllegalStateException("another writer changed " + partition + " of generation "
                            + target.number());
                }
            });
            progress.applied += polled.count();
            progress.beat();
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        appliers.shutdownNow();
    }

    /** Events applied so far, reported to the store now and then: the heartbeat that keeps the lock. */
    private final class Progress {

        private final RebuildState rebuild;
        private long applied;
        private Instant lastBeat = Instant.now();

        Progress(RebuildState rebuild) {
            this.rebuild = rebuild;
        }

        void beat() {
            Instant now = Instant.now();
            if (Duration.between(lastBeat, now).compareTo(HEARTBEAT_INTERVAL) >= 0) {
                state.updateRebuild(rebuild.progressed(applied, now));
                lastBeat = now;
            }
        }
    }
}
