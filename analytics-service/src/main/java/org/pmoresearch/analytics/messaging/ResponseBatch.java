package org.pmoresearch.analytics.messaging;

import org.pmoresearch.contracts.EventHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumed batch split into its partitions, each in offset order. The binder delivers per-record
 * metadata as parallel lists in the batch headers.
 */
final class ResponseBatch {

    private ResponseBatch() {
    }

    /** Partition number to its records in offset order; a batch may hold several partitions. */
    static Map<Integer, List<ResponseRecord>> byPartition(Message<? extends List<?>> batch) {
        MessageHeaders headers = batch.getHeaders();
        List<?> values = batch.getPayload();
        List<?> topics = list(headers, KafkaHeaders.RECEIVED_TOPIC, values.size());
        List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION, values.size());
        List<?> offsets = list(headers, KafkaHeaders.OFFSET, values.size());
        List<?> keys = optionalList(headers, KafkaHeaders.RECEIVED_KEY, values.size());
        List<?> recordHeaders = optionalList(headers, KafkaHeaders.BATCH_CONVERTED_HEADERS, values.size());

        Map<Integer, List<ResponseRecord>> byPartition = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            int partition = ((Number) partitions.get(i)).intValue();
            ResponseRecord record = new ResponseRecord((String) topics.get(i), partition,
                    ((Number) offsets.get(i)).longValue(), bytes(keys.get(i)), eventType(recordHeaders.get(i)),
                    bytes(values.get(i)));
            byPartition.computeIfAbsent(partition, p -> new ArrayList<>()).add(record);
        }
        byPartition.values().forEach(records -> records.sort(Comparator.comparingLong(ResponseRecord::offset)));
        return byPartition;
    }

    private static List<?> list(MessageHeaders headers, String name, int size) {
        Object value = headers.get(name);
        if (!(value instanceof List<?> list) || list.size() != size) {
            throw new IllegalStateException("Batch header " + name + " is not a list of " + size + " entries");
        }
        return list;
    }

    private static List<?> optionalList(MessageHeaders headers, String name, int size) {
        return headers.get(name) == null ? Collections.nCopies(size, null) : list(headers, name, size);
    }

    private static String eventType(Object convertedHeaders) {
        if (!(convertedHeaders instanceof Map<?, ?> map)) {
            return null;
        }
        Object value = map.get(EventHeaders.EVENT_TYPE);
        if (value instanceof byte[] raw) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    // A record without a value (or key) arrives as a placeholder object rather than null.
    private static byte[] bytes(Object value) {
        if (value instanceof byte[] raw) {
            return raw;
        }
        return value instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
    }
}
