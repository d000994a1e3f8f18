package org.pmoresearch.survey;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pmoresearch.contracts.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;

/** Plain Kafka clients, independent of the service's binder, to feed the catalogue topic and read the responses topic. */
public final class KafkaTestClients {

    private KafkaTestClients() {
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String bootstrapServers, String topic, String key, byte[] value)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        }
    }

    /** Reads what was appended to the responses topic between two sets of end offsets, across all partitions. */
    public static final class ResponsesTopicReader implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<TopicPartition> partitions;

        public ResponsesTopicReader(String bootstrapServers) {
            this.consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new ByteArrayDeserializer());
            this.partitions = consumer.partitionsFor(Topics.SURVEY_RESPONSES, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
        }

        public int partitionCount() {
            return partitions.size();
        }

        /** Everything acknowledged so far lies below these offsets (acks=all: acknowledged means below the high watermark). */
        public Map<TopicPartition, Long> endOffsets() {
            return consumer.endOffsets(partitions);
        }

        /** The records appended since {@code from}, up to the current end of the topic, in offset order per partition. */
        public List<ConsumerRecord<String, byte[]>> recordsSince(Map<TopicPartition, Long> from) {
            Map<TopicPartition, Long> until = endOffsets();
            from.forEach(consumer::seek);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.offset() < until.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                });
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= until.get(partition));
            });
            records.sort(Comparator.comparing((ConsumerRecord<String, byte[]> record) -> record.partition())
                    .thenComparing(ConsumerRecord::offset));
            return records;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
