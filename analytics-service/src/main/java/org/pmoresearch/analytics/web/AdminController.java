package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.analytics.domain.ResponseFact;
import org.pmoresearch.analytics.store.ActiveGeneration;
import org.pmoresearch.analytics.store.ResponseFacts;
import org.pmoresearch.contracts.RespondentProfile;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What only admins see: unsuppressed cross-filtered hotspots and the responses themselves. */
@RestController
@RequestMapping("/api/admin")
class AdminController {

    static final int DEFAULT_PAGE_SIZE = 1000;
    static final int MAX_PAGE_SIZE = 5000;
    private static final String AFTER = "after";
    private static final String LIMIT = "limit";

    private final HotspotsReader reader;
    private final ResponseFacts facts;
    private final ActiveGeneration generations;
    private final ProfileDimensions dimensions;
    private final CatalogueVersions catalogues;

    AdminController(HotspotsReader reader, ResponseFacts facts, ActiveGeneration generations,
            ProfileDimensions dimensions, CatalogueVersions catalogues) {
        this.reader = reader;
        this.facts = facts;
        this.generations = generations;
        this.dimensions = dimensions;
        this.catalogues = catalogues;
    }

    /** Any number of dimension filters at once (and optionally a catalogue version), nothing suppressed. */
    @GetMapping("/hotspots")
    HotspotsResponse hotspots(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, dimensions, Set.of(QueryParameters.CATALOGUE_VERSION));
        Map<String, String> filters = query.dimensionFilters();
        Integer catalogueVersion = query.catalogueVersion(catalogues);
        query.check();
        return reader.adminAnswer(filters, catalogueVersion);
    }

    /** Counted responses in responseId order, a page at a time; pass {@code next} as {@code after}. */
    @GetMapping("/responses")
    ResponsesPage responses(@RequestParam MultiValueMap<String, String> parameters) {
        QueryParameters query = new QueryParameters(parameters, dimensions, Set.of(AFTER, LIMIT));
        Map<String, String> filters = query.dimensionFilters();
        String after = query.responseId(AFTER);
        int limit = query.integer(LIMIT, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        query.check();
        List<ResponseFact> found = facts.page(generations.current(), after, limit + 1, filters);
        List<ResponseItem> items = found.stream().limit(limit)
                .map(fact -> new ResponseItem(fact.responseId(), fact.submittedAt(), fact.catalogueVersion(),
                        fact.profile(), fact.selections()))
                .toList();
        String next = found.size() > limit ? items.get(items.size() - 1).responseId() : null;
        return new ResponsesPage(items, next);
    }

    /** @param next the responseId to pass as {@code after} for the next page; null on the last page */
    public record ResponsesPage(List<ResponseItem> items, String next) {
    }

    public record ResponseItem(String responseId, Instant submittedAt, int catalogueVersion, RespondentProfile profile,
            Map<String, List<String>> selections) {
    }
}
