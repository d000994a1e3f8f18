package org.pmoresearch.survey.messaging;

import org.junit.jupiter.api.Test;
import org.pmoresearch.contracts.Topics;
import org.pmoresearch.survey.TestCatalogues;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CatalogueConsumerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final CatalogueRegistry registry = new CatalogueRegistry();
    private final CatalogueConsumer consumer = new CatalogueConsumer(registry, json);

    @Test
    void loadsAPublishedVersionIgnoringFieldsItDoesNotKnow() {
        ObjectNode event = json.valueToTree(TestCatalogues.version(1));
        event.put("addedInALaterSchema", true);

        consumer.accept(record(json.writeValueAsBytes(event), 0));

        assertThat(registry.current()).hasValueSatisfying(current -> assertThat(current.version()).isEqualTo(1));
    }

    @Test
    void skipsUnreadableAndUnusableRecordsWithoutThrowing() {
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        byte[] wrongShape = "{\"version\": \"one\"}".getBytes(StandardCharsets.UTF_8);
        byte[] noGroups = "{\"schemaVersion\": 1, \"version\": 2}".getBytes(StandardCharsets.UTF_8);

        assertThatNoException().isThrownBy(() -> {
            consumer.accept(record(notJson, 0));
            consumer.accept(record(wrongShape, 1));
            consumer.accept(record(noGroups, 2));
        });
        assertThat(registry.isEmpty()).isTrue();
    }

    private static Message<byte[]> record(byte[] payload, long offset) {
        return MessageBuilder.withPayload(payload)
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, Topics.CATALOGUE)
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
                .setHeader(KafkaHeaders.OFFSET, offset)
                .build();
    }
}
