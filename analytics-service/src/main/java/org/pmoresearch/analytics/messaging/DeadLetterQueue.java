package org.pmoresearch.analytics.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.Topics;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The records waiting in the DLQ: those not replayed yet. What has been replayed is remembered as the
 * committed offsets of the consumer group {@value #REPLAY_GROUP}, so a replay re-publishes each record once.
 */
@Component
public class DeadLetterQueue {

    static final String REPLAY_GROUP = "analytics-dlq-replay";
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final KafkaClients clients;

    DeadLetterQueue(KafkaClients clients) {
        this.clients = clients;
    }

    /** Up to {@code limit} pending records, oldest first. */
    public List<DeadLetter> pending(int limit) {
        List<DeadLetter> pending = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(REPLAY_GROUP)) {
            Map<TopicPartition, Long> endOffsets = positionOnPending(consumer);
            Map<TopicPartition, Integer> taken = new HashMap<>();
            readUpTo(consumer, endOffsets, record -> {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (taken.merge(partition, 1, Integer::sum) <= limit) {
                    pending.add(DeadLetter.of(record));
                } else {
                    // The oldest pending records are read: the rest of this partition cannot make the list.
                    consumer.pause(List.of(partition));
                    endOffsets.remove(partition);
                }
            });
        }
        return pending.stream()
                .sorted(Comparator.comparing(DeadLetter::timestamp)
                        .thenComparingInt(DeadLetter::partition)
                        .thenComparingLong(DeadLetter::offset))
                .limit(limit)
                .toList();
    }

    /**
     * Re-publishes every pending record to the responses topic with its original key, value and event type,
     * waits for the broker's acknowledgements, then marks them replayed.
     * @return how many records were re-published
     */
    public synchronized int replay() {
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(REPLAY_GROUP);
             KafkaProducer<byte[], byte[]> producer = clients.producer()) {
            Map<TopicPartition, Long> endOffsets = positionOnPending(consumer);
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            readUpTo(consumer, endOffsets, record -> {
                ProducerRecord<byte[], byte[]> replayed = new ProducerRecord<>(Topics.SURVEY_RESPONSES, record.key(),
                        record.value());
                String eventType = KafkaClients.header(record, EventHeaders.EVENT_TYPE);
                if (eventType != null) {
                    replayed.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
                }
                sends.add(producer.send(replayed));
            });
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
            consumer.commitSync(endOffsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, end -> new OffsetAndMetadata(end.getValue()))));
            return sends.size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying the DLQ", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The responses topic did not accept a replayed record", e.getCause());
        }
    }

    /** Positions the consumer after the last replayed record of every partition; returns the end offsets now. */
    private static Map<TopicPartition, Long> positionOnPending(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = KafkaClients.partitionsOf(consumer, Topics.SURVEY_RESPONSES_DLQ);
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> replayed = consumer.committed(Set.copyOf(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata committed = replayed.get(partition);
            if (committed == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, committed.offset());
            }
        }
        return new HashMap<>(consumer.endOffsets(partitions));
    }

    /** Hands every record below the end offsets to {@code action}, in offset order per partition. */
    private static void readUpTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> endOffsets,
            Consumer<ConsumerRecord<byte[], byte[]>> action) {
        while (!KafkaClients.reached(consumer, endOffsets)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                Long end = endOffsets.get(new TopicPartition(record.topic(), record.partition()));
                if (end != null && record.offset() < end) {
                    action.accept(record);
                }
            }
        }
    }

    /** A dead-lettered record as the DLQ holds it; the payload is the record's value read as UTF-8. */
    public record DeadLetter(int partition, long offset, String key, String reason, String detail, String origin,
            Instant timestamp, String payload) {

        static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
            return new DeadLetter(record.partition(), record.offset(),
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                    KafkaClients.header(record, EventHeaders.DLQ_REASON),
                    KafkaClients.header(record, EventHeaders.DLQ_DETAIL),
                    KafkaClients.header(record, EventHeaders.DLQ_ORIGIN),
                    Instant.ofEpochMilli(record.timestamp()),
                    record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
        }
    }
}
