package org.pmoresearch.catalogue.domain;

import java.time.Instant;

/** A published version in the list of versions. */
public record VersionSummary(int version, Instant publishedAt, int changeCount) {
}
