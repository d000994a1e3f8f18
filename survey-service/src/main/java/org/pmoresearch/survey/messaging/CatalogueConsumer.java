package org.pmoresearch.survey.messaging;

import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.survey.domain.CatalogueRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Consumer;

/**
 * Binding {@code catalogue-in-0}: reads every published catalogue version from the start of the
 * topic (anonymous group, earliest offset) into the {@link CatalogueRegistry}. The payload is taken
 * as raw bytes and parsed here, so that an unreadable record is logged and skipped instead of being
 * retried and holding up the versions behind it.
 */
@Component("catalogue")
public class CatalogueConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(CatalogueConsumer.class);

    private final CatalogueRegistry registry;
    private final JsonMapper jsonMapper;

    public CatalogueConsumer(CatalogueRegistry registry, JsonMapper jsonMapper) {
        this.registry = registry;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void accept(Message<byte[]> message) {
        String origin = origin(message.getHeaders());
        CataloguePublished event;
        try {
            event = jsonMapper.readValue(message.getPayload(), CataloguePublished.class);
        }
        catch (JacksonException e) {
            log.warn("Skipped catalogue record {}: not a readable CataloguePublished ({})", origin, e.getOriginalMessage());
            return;
        }
        try {
            if (registry.register(event)) {
                log.info("Loaded catalogue version {} from {}", event.version(), origin);
            }
            else {
                log.debug("Catalogue version {} from {} is already loaded; versions are immutable", event.version(), origin);
            }
        }
        catch (IllegalArgumentException e) {
            log.warn("Skipped catalogue record {}: {}", origin, e.getMessage());
        }
    }

    private static String origin(MessageHeaders headers) {
        return headers.get(KafkaHeaders.RECEIVED_TOPIC) + "-" + headers.get(KafkaHeaders.RECEIVED_PARTITION)
                + "@" + headers.get(KafkaHeaders.OFFSET);
    }
}
