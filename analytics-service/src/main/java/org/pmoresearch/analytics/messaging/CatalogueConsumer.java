package org.pmoresearch.analytics.messaging;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.contracts.CataloguePublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Keeps every published catalogue version (binding {@code catalogue-in-0}, read from the start). */
@Component
class CatalogueConsumer {

    private static final Logger log = LoggerFactory.getLogger(CatalogueConsumer.class);

    private final JsonMapper json;
    private final CatalogueVersions catalogues;

    CatalogueConsumer(JsonMapper json, CatalogueVersions catalogues) {
        this.json = json;
        this.catalogues = catalogues;
    }

    void accept(Message<?> message) {
        if (!(message.getPayload() instanceof byte[] value)) {
            return;
        }
        CataloguePublished catalogue;
        try {
            catalogue = json.readValue(value, CataloguePublished.class);
        } catch (JacksonException e) {
            log.warn("Ignoring an unreadable catalogue record: {}", e.getOriginalMessage());
            return;
        }
        if (catalogue == null || catalogue.schemaVersion() != CataloguePublished.SCHEMA_VERSION
                || catalogue.version() < 1 || catalogue.groups() == null) {
            log.warn("Ignoring a catalogue record that is not a version 1 CataloguePublished event");
            return;
        }
        catalogues.add(catalogue);
        log.info("Catalogue version {} known", catalogue.version());
    }
}
