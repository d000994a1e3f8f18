package org.pmoresearch.analytics.domain;

import org.pmoresearch.contracts.CataloguePublished;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Every catalogue version seen on the catalogue topic, kept in memory (the topic is read from the start). */
@Component
public class CatalogueVersions {

    private final ConcurrentSkipListMap<Integer, CataloguePublished> versions = new ConcurrentSkipListMap<>();

    /** Versions are immutable, so seeing one again changes nothing. */
    public void add(CataloguePublished catalogue) {
        versions.putIfAbsent(catalogue.version(), catalogue);
    }

    public Optional<CataloguePublished> latest() {
        return Optional.ofNullable(versions.lastEntry()).map(Map.Entry::getValue);
    }
}
