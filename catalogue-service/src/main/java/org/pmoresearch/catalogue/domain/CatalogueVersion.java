package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A published catalogue version. Immutable: the same version number always carries the same content
 * and the same event id, however often it is (re)published.
 */
public record CatalogueVersion(int version, UUID eventId, Instant publishedAt, List<CatalogueGroup> groups) {

    public CatalogueVersion {
        groups = List.copyOf(groups);
    }

    public CataloguePublished toEvent() {
        return new CataloguePublished(CataloguePublished.SCHEMA_VERSION, eventId, version, publishedAt, groups);
    }
}
