package org.pmoresearch.catalogue.domain;

import org.pmoresearch.contracts.CatalogueGroup;
import org.pmoresearch.contracts.CataloguePublished;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A published catalogue version. Immutable: the same version number always carries the same content
 * and the same event id, however often it is (re)published.
 *
 * @param groups  what the survey offers: retired items are not in it
 * @param changes the changelog against the previous version (for version 1, everything added)
 */
public record CatalogueVersion(int version, UUID eventId, Instant publishedAt, List<CatalogueGroup> groups,
                               List<CatalogueChange> changes) {

    public CatalogueVersion {
        groups = List.copyOf(groups);
        changes = List.copyOf(changes);
    }

    public CataloguePublished toEvent() {
        return new CataloguePublished(CataloguePublished.SCHEMA_VERSION, eventId, version, publishedAt, groups);
    }

    public VersionSummary summary() {
        return new VersionSummary(version, publishedAt, changes.size());
    }
}
