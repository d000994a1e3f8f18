package org.pmoresearch.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.SurveyResponseSubmitted;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Plain Kafka clients on the platform's broker: the baselines, and the catch-up benchmark's writer. */
final class RawKafka {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] SUBMITTED_TYPE = SurveyResponseSubmitted.class.getSimpleName().getBytes(StandardCharsets.UTF_8);

    private RawKafka() {
    }

    /** The settings survey-service publishes with: acks=all, idempotent, linger 5 ms, default batch size, no compression. */
    static KafkaProducer<String, byte[]> surveyLikeProducer(String bootstrapServers) {
        return producer(bootstrapServers, Map.of(ProducerConfig.LINGER_MS_CONFIG, 5));
    }

    /** Still acks=all and idempotent, with larger batches: for writing a backlog quickly. */
    static KafkaProducer<String, byte[]> bulkProducer(String bootstrapServers) {
        return producer(bootstrapServers, Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrapServers, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.putAll(overrides);
        return new KafkaProducer<>(config);
    }

    /** Sends a SurveyResponseSubmitted record as survey-service does (key = responseId, type header); completes on the ack. */
    static CompletableFuture<String> send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value) {
        CompletableFuture<String> acknowledged = new CompletableFuture<>();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(EventHeaders.EVENT_TYPE, SUBMITTED_TYPE);
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                acknowledged.complete("acknowledged");
            } else {
                acknowledged.completeExceptionally(error);
            }
        });
        return acknowledged;
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    static int partitionCount(Admin admin, String topic) throws InterruptedException {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .get(topic).partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe topic " + topic, e);
        }
    }

    /**
     * A topic of the benchmark's own, so baseline records never reach the platform's consumers. Returns once
     * every partition has taken one record from {@code producer}: a new partition refuses writes until its
     * leader is in place, and an idempotent producer whose first batches were refused can keep retrying out of
     * sequence for the whole delivery timeout, which would show up as the baseline's latency.
     */
    static void createScratchTopic(Admin admin, KafkaProducer<String, byte[]> producer, String topic, int partitions)
            throws InterruptedException {
        try {
            if (admin.listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic)) {
                deleteTopic(admin, topic);
            }
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(topic, partition, "first", new byte[0]))
                        .get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic + " and write to each of its partitions", e);
        }
    }

    static void deleteTopic(Admin admin, String topic) throws InterruptedException {
        try {
            admin.deleteTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("Could not delete topic " + topic + ": " + e.getMessage());
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(config);
    }

    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic, ADMIN_TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
    }

    /** The sum of the end offsets of every partition of a topic: how many records it has ever held. */
    static long endOffsetTotal(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.endOffsets(partitions(consumer, topic), ADMIN_TIMEOUT).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Where records with the given keys are on a topic: every position ({@code partition@offset}) of each key found,
     * read from the beginning to the end offsets the topic has when the read starts, bounded by {@code atMost}.
     */
    static Map<String, List<String>> positionsOfKeys(String bootstrapServers, String topic, Set<String> keys, Duration atMost) {
        Map<String, List<String>> positions = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            Map<TopicPartition, Long> end = assignFromStart(consumer, topic);
            readToEnd(consumer, end, System.nanoTime() + atMost.toNanos(), record -> {
                String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                if (key != null && keys.contains(key)) {
                    positions.computeIfAbsent(key, found -> new ArrayList<>()).add(record.partition() + "@" + record.offset());
                }
            });
        }
        return positions;
    }

    /**
     * @param records records read
     * @param bytes   key and value bytes read
     * @param seconds from the first poll until the last partition reached its end offset
     */
    record ReadResult(long records, long bytes, double seconds, boolean complete) {

        double recordsPerSecond() {
            return records / seconds;
        }
    }

    /**
     * Reads a topic from the beginning to the end offsets it has when the read starts, with a plain
     * consumer (all partitions assigned, no group, byte arrays: nothing parsed). Bounded by {@code atMost}.
     */
    static ReadResult readFromStart(String bootstrapServers, String topic, Duration atMost) {
        return readFromStart(bootstrapServers, topic, atMost, record -> { });
    }

    /** Like {@link #readFromStart(String, String, Duration)}, handing each record to {@code onRecord} as it is read. */
    static ReadResult readFromStart(String bootstrapServers, String topic, Duration atMost,
                                    Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            Map<TopicPartition, Long> end = assignFromStart(consumer, topic);
            long[] recordsAndBytes = new long[2];
            long start = System.nanoTime();
            boolean complete = readToEnd(consumer, end, start + atMost.toNanos(), record -> {
                onRecord.accept(record);
                recordsAndBytes[0]++;
                recordsAndBytes[1] += Math.max(record.serializedKeySize(), 0) + Math.max(record.serializedValueSize(), 0);
            });
            return new ReadResult(recordsAndBytes[0], recordsAndBytes[1], (System.nanoTime() - start) / 1e9, complete);
        }
    }

    /** Assigns every partition of the topic, positioned at its beginning; returns the end offsets it has now. */
    private static Map<TopicPartition, Long> assignFromStart(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer.endOffsets(partitions, ADMIN_TIMEOUT);
    }

    /** Polls until every partition reached its offset in {@code end} (true) or the deadline passed (false). */
    private static boolean readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, long deadlineNanos,
                                     Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
        while (System.nanoTime() < deadlineNanos) {
            consumer.poll(Duration.ofMillis(200)).forEach(onRecord);
            if (end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Consumes a topic from its current end on a thread of its own, handing each record with its arrival
     * time to {@code onRecord}, until {@link #close()}.
     */
    static final class Tail implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        Tail(String bootstrapServers, String topic, Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
            consumer = consumer(bootstrapServers);
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                while (running) {
                    consumer.poll(Duration.ofMillis(100)).forEach(onRecord);
                }
                consumer.close();
            }, "baseline-consumer");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
