package org.pmoresearch.analytics.web;

import org.pmoresearch.analytics.domain.CatalogueVersions;
import org.pmoresearch.analytics.domain.ProfileDimensions;
import org.pmoresearch.analytics.domain.ProfileDimensions.Dimension;
import org.pmoresearch.analytics.web.HotspotsResponse.DimensionFilter;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The public hotspots: overall, for one segment or catalogue version, per segment, and live. */
@RestController
@RequestMapping("/api/hotspots")
class HotspotsController {

    private final HotspotsReader reader;
    private final LiveHotspots live;
    private final ProfileDimensions dimensions;
    private final CatalogueVersions catalogues;

    HotspotsController(HotspotsReader reader, LiveHotspots live, ProfileDimensions dimensions,
            CatalogueVersions catalogues) {
        this.reader = reader;
        this.live = live;
        this.dimensions = dimensions;
        this.catalogues = catalogues;
    }

    /**
     * Answers 304 to a request whose If-None-Match carries the current ETag, which changes whenever any count
     * or the latest catalogue does.
     */
    @GetMapping
    ResponseEntity<HotspotsResponse> hotspots(@RequestParam MultiValueMap<String, String> parameters,
            WebRequest request) {
        QueryParameters query = new QueryParameters(parameters, dimensions, Set.of(QueryParameters.CATALOGUE_VERSION));
        Map<String, String> filters = query.dimensionFilters();
        Integer catalogueVersion = query.catalogueVersion(catalogues);
        if (filters.size() > 1) {
            filters.keySet().stream().skip(1).forEach(name -> query.reject(name,
                    "cross-filters (more than one profile dimension) are admin-only: GET /api/admin/hotspots"));
        }
        query.check();
        HotspotsReader.Moment moment = reader.now();
        String etag = etag(moment);
        if (request.checkNotModified(etag)) {
            return null;
        }
        DimensionFilter filter = filters.entrySet().stream().findFirst()
                .map(entry -> new DimensionFilter(entry.getKey(), entry.getValue()))
                .orElse(null);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).eTag(etag)
                .body(reader.publicAnswer(moment, filter, catalogueVersion));
    }

    @GetMapping("/segments/{dimension}")
    ResponseEntity<SegmentsResponse> segments(@PathVariable String dimension, WebRequest request) {
        Dimension found = dimensions.find(dimension).orElseThrow(() -> ApiException.invalidParameters(
                "Unknown profile dimension " + dimension, List.of(new FieldError("dimension",
                        "not a profile dimension: one of " + String.join(", ", dimensions.ids())))));
        HotspotsReader.Moment moment = reader.now();
        String etag = etag(moment);
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).eTag(etag).body(reader.segments(moment, found));
    }

    /** Event "hotspots" with the unfiltered hotspots on connect and within a second of any change. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return live.open();
    }

    private static String etag(HotspotsReader.Moment moment) {
        return "\"" + moment.version() + "\"";
    }
}
