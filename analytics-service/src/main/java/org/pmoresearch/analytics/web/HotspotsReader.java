package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.HotspotRules;
import org.pmoresearch.analytics.domain.ProfileDimensions.Dimension;
import org.pmoresearch.analytics.domain.SelectionCounts;
import org.pmoresearch.analytics.store.CurrentCounts;
import org.pmoresearch.analytics.store.ResponseFacts;
import org.pmoresearch.analytics.web.HotspotsAssembler.Assembled;
import org.pmoresearch.analytics.web.HotspotsAssembler.Publication;
import org.pmoresearch.analytics.web.HotspotsResponse.DimensionFilter;
import org.pmoresearch.contracts.CataloguePublished;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Answers hotspot questions. Unfiltered and single-segment answers come from the partition documents'
 * counts (exact, like the totals); answers by catalogue version and admin cross-filters are counted from
 * the response facts, once per version of the counts ({@link CountsFromFacts}).
 * <p>
 * Public answers are made once per {@link #version()} and kept ({@link VersionedAnswers}): a room of dashboards
 * polling, the live streams and the ETag checks all ask the same few questions between two stored batches, and
 * ranking every task for each of them took a third of this service's CPU while it counted 1,000 responses a second.
 */
@Component
class HotspotsReader {

    /** Public questions kept per version: every single-segment filter of a few catalogue versions fits. */
    static final int MAX_KEPT = 256;

    private final CurrentCounts currentCounts;
    private final CatalogueVersions catalogues;
    private final HotspotRules rules;
    private final HotspotsAssembler assembler;
    private final CountsFromFacts countsFromFacts;
    private final VersionedAnswers<PublicQuestion, HotspotsResponse> publicAnswers = new VersionedAnswers<>(MAX_KEPT);
    private final VersionedAnswers<String, SegmentsResponse> segmentAnswers = new VersionedAnswers<>(MAX_KEPT);

    HotspotsReader(CurrentCounts currentCounts, ResponseFacts facts, CatalogueVersions catalogues, HotspotRules rules) {
        this.currentCounts = currentCounts;
        this.catalogues = catalogues;
        this.rules = rules;
        this.assembler = new HotspotsAssembler(rules);
        this.countsFromFacts = new CountsFromFacts(facts);
    }

    /** Changes whenever any answer may change: new counts stored by any instance, or a new catalogue version. */
    String version() {
        return versionOf(currentCounts.version());
    }

    HotspotsResponse unfiltered() {
        return publicAnswer(null, null);
    }

    /**
     * A public answer: at most one dimension filter, optionally one catalogue version, suppressed where
     * fewer than k respondents would show.
     * @param filter null for all respondents
     * @param catalogueVersion null for every version
     */
    HotspotsResponse publicAnswer(DimensionFilter filter, Integer catalogueVersion) {
        CurrentCounts.Snapshot snapshot = currentCounts.snapshot();
        return publicAnswers.get(versionOf(snapshot.version()), new PublicQuestion(filter, catalogueVersion),
                () -> publicAnswer(snapshot, filter, catalogueVersion));
    }

    private HotspotsResponse publicAnswer(CurrentCounts.Snapshot snapshot, DimensionFilter filter,
            Integer catalogueVersion) {
        if (catalogueVersion != null) {
            Map<String, String> filters = filter == null ? Map.of() : Map.of(filter.dimension(), filter.value());
            SelectionCounts counts = countsFromFacts.count(snapshot, filters, catalogueVersion);
            return answer(counts, filter, null, catalogueVersion, Publication.PUBLIC_FILTERED);
        }
        if (filter == null) {
            return answer(snapshot.counts().all(), null, null, null, Publication.UNFILTERED);
        }
        SelectionCounts counts = snapshot.counts().segment(filter.dimension(), filter.value());
        return answer(counts, filter, null, null, Publication.PUBLIC_FILTERED);
    }

    SegmentsResponse segments(Dimension dimension) {
        CurrentCounts.Snapshot snapshot = currentCounts.snapshot();
        return segmentAnswers.get(versionOf(snapshot.version()), dimension.id(), () -> segments(snapshot, dimension));
    }

    private SegmentsResponse segments(CurrentCounts.Snapshot snapshot, Dimension dimension) {
        CataloguePublished shown = catalogues.latest().orElse(null);
        List<CataloguePublished> newestFirst = catalogues.newestFirst();
        List<SegmentsResponse.Segment> segments = dimension.options().stream().map(option -> {
            Assembled assembled = assembler.assemble(snapshot.counts().segment(dimension.id(), option.value()), shown,
                    newestFirst, Publication.PUBLIC_FILTERED);
            return new SegmentsResponse.Segment(option.value(), option.label(), assembled.totalResponses(),
                    assembled.suppressed(), assembled.areas());
        }).toList();
        return new SegmentsResponse(dimension.id(), rules.minCellSize(), segments);
    }

    /** Any number of dimension filters, counted from the facts, nothing suppressed. */
    HotspotsResponse adminAnswer(Map<String, String> filters, Integer catalogueVersion) {
        SelectionCounts counts = filters.isEmpty() && catalogueVersion == null
                ? currentCounts.snapshot().counts().all()
                : countsFromFacts.count(currentCounts.snapshot(), filters, catalogueVersion);
        List<DimensionFilter> all = filters.entrySet().stream()
                .map(filter -> new DimensionFilter(filter.getKey(), filter.getValue()))
                .toList();
        return answer(counts, all.size() == 1 ? all.get(0) : null, all, catalogueVersion, Publication.ADMIN);
    }

    private String versionOf(String countsVersion) {
        return countsVersion + "-c" + catalogues.latest().map(CataloguePublished::version).orElse(0);
    }

    private HotspotsResponse answer(SelectionCounts counts, DimensionFilter filter, List<DimensionFilter> filters,
            Integer catalogueVersion, Publication publication) {
        CataloguePublished shown = catalogueVersion == null
                ? catalogues.latest().orElse(null)
                : catalogues.find(catalogueVersion).orElse(null);
        Assembled assembled = assembler.assemble(counts, shown, catalogues.newestFirst(), publication);
        return new HotspotsResponse(assembled.totalResponses(), shown == null ? null : shown.version(), filter, filters,
                rules.minCellSize(), assembled.suppressed(), assembled.areas());
    }

    private record PublicQuestion(DimensionFilter filter, Integer catalogueVersion) {
    }
}
