package org.pmoresearch.export;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.contracts.EventHeaders;
import org.pmoresearch.contracts.Topics;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Publishes to the catalogue topic the way catalogue-service does, with a plain Kafka producer. */
public final class CataloguePublisher {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CataloguePublisher() {
    }

    public static void publish(String bootstrapServers, CataloguePublished catalogue) throws ExecutionException, InterruptedException {
        send(bootstrapServers, String.valueOf(catalogue.version()), JSON.writeValueAsBytes(catalogue));
    }

    public static void publishUnreadable(String bootstrapServers) throws ExecutionException, InterruptedException {
        send(bootstrapServers, "0", "{\"version\": not json".getBytes(StandardCharsets.UTF_8));
    }

    private static void send(String bootstrapServers, String key, byte[] value) throws ExecutionException, InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CATALOGUE, key, value);
            record.headers().add(EventHeaders.EVENT_TYPE, CataloguePublished.class.getSimpleName().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }
}
