package org.pmoresearch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A catalogue version was published. Versions are immutable: the same version number always
 * carries the same content, so a consumer that sees a version twice treats it as one.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CataloguePublished(
        int schemaVersion,
        UUID eventId,
        int version,
        Instant publishedAt,
        List<CatalogueGroup> groups) {

    public static final int SCHEMA_VERSION = 1;
}
