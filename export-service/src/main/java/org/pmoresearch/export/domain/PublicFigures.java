package org.pmoresearch.export.domain;

import org.pmoresearch.contracts.CataloguePublished;

import java.time.Instant;
import java.util.List;

/**
 * Everything the public sheets show: the catalogue, the community's figures (for everyone or one segment) and
 * the breakdown of every profile dimension.
 */
public record PublicFigures(CataloguePublished catalogue, Hotspots hotspots, List<SegmentBreakdown> breakdowns,
                            Instant generatedAt) {

    public PublicFigures {
        breakdowns = List.copyOf(breakdowns);
    }
}
