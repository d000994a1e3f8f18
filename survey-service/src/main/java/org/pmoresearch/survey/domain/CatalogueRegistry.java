package org.pmoresearch.survey.domain;

import org.pmoresearch.contracts.CataloguePublished;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every catalogue version seen on the catalogue topic, in memory. Responses may name any published
 * version (a respondent may have loaded the survey just before a newer one appeared); the survey
 * page always shows the highest.
 */
public final class CatalogueRegistry {

    private static final int NONE = 0;

    private final ConcurrentHashMap<Integer, PublishedCatalogue> versions = new ConcurrentHashMap<>();
    private final AtomicInteger currentVersion = new AtomicInteger(NONE);

    /**
     * Adds a version. Versions are immutable, so a version already known keeps its first content.
     *
     * @return whether the version was new
     * @throws IllegalArgumentException if the catalogue is structurally unusable
     */
    public boolean register(CataloguePublished event) {
        PublishedCatalogue catalogue = PublishedCatalogue.of(event);
        boolean added = versions.putIfAbsent(catalogue.version(), catalogue) == null;
        if (added) {
            currentVersion.accumulateAndGet(catalogue.version(), Math::max);
        }
        return added;
    }

    /** The highest version seen, if any. */
    public Optional<PublishedCatalogue> current() {
        int version = currentVersion.get();
        return version == NONE ? Optional.empty() : Optional.of(versions.get(version));
    }

    public Optional<PublishedCatalogue> version(int version) {
        return Optional.ofNullable(versions.get(version));
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }
}
