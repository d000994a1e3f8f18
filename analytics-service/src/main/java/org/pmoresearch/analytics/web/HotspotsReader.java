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
 * Public answers are made once per version of the counts and catalogue and kept ({@link VersionedAnswers}): a room
 * of dashboards polling and the live streams all ask the same few questions between two stored batches, and each
 * used to rank every task again (docs/benchmarks.md, "Answers kept per version of the counts").
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

    /**
     * The counts as stored now, with the version of every answer made from them, which changes whenever any answer
     * may change: new counts stored by any instance, or a new catalogue version. One read of the store serves a
     * request's ETag and its answer, so the two always go together.
     */
    Moment now() {
        CurrentCounts.Snapshot snapshot = currentCounts.snapshot();
        return new Moment(snapshot, snapshot.version() + "-c"
                + catalogues.latest().map(CataloguePublished::version).orElse(0));
    }

    HotspotsResponse unfiltered(Moment moment) {
        return publicAnswer(moment, null, null);
    }

    /**
     * A public answer: at most one dimension filter, optionally one catalogue version, suppressed where
     * fewer than k respondents would show.
     * @param moment what {@link #now()} gave
     * @param filter null for all respondents
     * @param catalogueVersion null for every version
     */
    HotspotsResponse publicAnswer(Moment moment, DimensionFilter filter, Integer catalogueVersion) {
        return publicAnswers.get(moment.version(), new PublicQuestion(filter, catalogueVersion),
                () -> publicAnswer(moment.snapshot(), filter, catalogueVersion));
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

    SegmentsResponse segments(Moment moment, Dimension dimension) {
        return segmentAnswers.get(moment.version(), dimension.id(), () -> segments(moment.snapshot(), dimension));
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

    private HotspotsResponse answer(SelectionCounts counts, DimensionFilter filter, List<DimensionFilter> filters,
            Integer catalogueVersion, Publication publication) {
        CataloguePublished shown = catalogueVersion == null
                ? catalogues.latest().orElse(null)
                : catalogues.find(catalogueVersion).orElse(null);
        Assembled assembled = assembler.assemble(counts, shown, catalogues.newestFirst(), publication);
        return new HotspotsResponse(assembled.totalResponses(), shown == null ? null : shown.version(), filter, filters,
                rules.minCellSize(), assembled.suppressed(), assembled.areas());
    }

    /** @param version the ETag of every answer made from {@code snapshot}, without its quotes */
    record Moment(CurrentCounts.Snapshot snapshot, String version) {
    }

    private record PublicQuestion(DimensionFilter filter, Integer catalogueVersion) {
    }
}
