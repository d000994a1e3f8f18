package org.pmoresearch.catalogue.web;

import org.pmoresearch.catalogue.domain.CatalogueVersion;
import org.pmoresearch.contracts.CatalogueGroup;

import java.time.Instant;
import java.util.List;

/** A published catalogue version as the public API shows it: groups, their areas and the areas' tasks, in order. */
public record CatalogueResponse(int version, Instant publishedAt, List<CatalogueGroup> groups) {

    static CatalogueResponse of(CatalogueVersion version) {
        return new CatalogueResponse(version.version(), version.publishedAt(), version.groups());
    }
}
