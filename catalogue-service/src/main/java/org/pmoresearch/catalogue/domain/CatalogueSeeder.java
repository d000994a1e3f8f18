package org.pmoresearch.catalogue.domain;

import org.pmoresearch.catalogue.store.CatalogueVersionStore;
import org.pmoresearch.contracts.CatalogueGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Stores the seed catalogue as version 1 when no version exists yet. */
@Component
public class CatalogueSeeder {

    private static final int FIRST_VERSION = 1;

    private static final Logger log = LoggerFactory.getLogger(CatalogueSeeder.class);

    private final CatalogueVersionStore store;
    private final SeedCatalogue seed;

    public CatalogueSeeder(CatalogueVersionStore store, SeedCatalogue seed) {
        this.store = store;
        this.seed = seed;
    }

    /** @return whether this call stored version 1 */
    public boolean seedFirstVersionIfEmpty() {
        if (!store.isEmpty()) {
            return false;
        }
        // MongoDB keeps milliseconds: truncate so that the stored and the published instant are the same.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            List<CatalogueGroup> groups = seed.groups();
            store.insert(new CatalogueVersion(FIRST_VERSION, UUID.randomUUID(), now, groups,
                    Changelog.between(List.of(), groups, CatalogueHistory.empty())));
        } catch (DuplicateKeyException e) {
            log.info("Another instance stored catalogue version {} first", FIRST_VERSION);
            return false;
        }
        log.info("Stored the seed catalogue as version {}", FIRST_VERSION);
        return true;
    }
}
