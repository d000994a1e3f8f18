package org.pmoresearch.export.messaging;

import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.export.store.CatalogueVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.util.function.Consumer;

/**
 * Binding {@code catalogue-in-0}: reads every {@link CataloguePublished} on the catalogue topic into
 * {@link CatalogueVersions}. A record that cannot be read is logged and skipped, so it never blocks the
 * versions behind it.
 */
@Component("catalogue")
public class CatalogueConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(CatalogueConsumer.class);

    private final CatalogueVersions versions;
    private final JsonMapper jsonMapper;

    public CatalogueConsumer(CatalogueVersions versions, JsonMapper jsonMapper) {
        this.versions = versions;
        this.jsonMapper = jsonMapper;
    }

    @Override
    public void accept(Message<byte[]> message) {
        CataloguePublished catalogue;
        try {
            catalogue = jsonMapper.readValue(message.getPayload(), CataloguePublished.class);
        } catch (JacksonException e) {
            log.warn("Skipping unreadable catalogue record at {}: {}", origin(message), e.getOriginalMessage());
            return;
        }
        if (catalogue.version() < 1 || catalogue.groups() == null) {
            log.warn("Skipping catalogue record at {}: it carries no version number or no groups", origin(message));
            return;
        }
        versions.add(catalogue);
        log.info("Catalogue version {} received", catalogue.version());
    }

    private static String origin(Message<?> message) {
        return "partition " + message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION)
                + " offset " + message.getHeaders().get(KafkaHeaders.OFFSET);
    }
}
