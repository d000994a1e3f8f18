package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.messaging.ParsedResponse.Poison;
import org.pmoresearch.contracts.EventHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes a record that cannot be applied, with its original bytes and key, to the DLQ topic
 * (binding {@code dlq-out-0}, a synchronous producer): once this returns, the record is safe to skip.
 */
@Component
class DeadLetterPublisher {

    static final String BINDING = "dlq-out-0";
    private static final int MAX_DETAIL_LENGTH = 1000;

    private final StreamBridge streamBridge;
    private final CountingMetrics metrics;

    DeadLetterPublisher(StreamBridge streamBridge, CountingMetrics metrics) {
        this.streamBridge = streamBridge;
        this.metrics = metrics;
    }

    void publish(ResponseRecord record, Poison poison) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(record.value() == null ? new byte[0] : record.value())
                .setHeader(EventHeaders.DLQ_REASON, poison.reason().tag())
                .setHeader(EventHeaders.DLQ_DETAIL, truncate(String.valueOf(poison.detail())))
                .setHeader(EventHeaders.DLQ_ORIGIN, record.origin());
        if (record.key() != null) {
            message.setHeader(KafkaHeaders.KEY, record.key());
        }
        if (record.eventType() != null) {
            message.setHeader(EventHeaders.EVENT_TYPE, record.eventType());
        }
        if (!streamBridge.send(BINDING, message.build())) {
            throw new IllegalStateException("The DLQ did not accept the record from " + record.origin());
        }
        metrics.deadLettered(poison.reason());
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH);
    }
}
