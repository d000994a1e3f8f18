package org.pmoresearch.export.web;

import org.pmoresearch.contracts.CataloguePublished;
import org.pmoresearch.export.config.ExportProperties;
import org.pmoresearch.export.domain.ExportUnavailableException;
import org.pmoresearch.export.domain.Hotspots;
import org.pmoresearch.export.domain.ProfileDimensions;
import org.pmoresearch.export.domain.PublicFigures;
import org.pmoresearch.export.domain.PublicWorkbookWriter;
import org.pmoresearch.export.domain.SegmentBreakdown;
import org.pmoresearch.export.domain.SegmentFilter;
import org.pmoresearch.export.messaging.AnalyticsClient;
import org.pmoresearch.export.store.CatalogueVersions;
import org.pmoresearch.export.store.SingleFlightCache;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The public workbook, built once per edition and kept: an edition is (catalogue version, counts version, segment).
 * Finding the current edition costs one small analytics call; building it costs one per profile dimension more and
 * a POI run, so concurrent requests for the same edition share one build and the latest few editions stay in memory
 * (a public workbook is tens of kilobytes).
 */
@Component
public class PublicWorkbooks {

    private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
    private static final int ETAG_HEX_CHARS = 24;

    record EditionKey(int catalogueVersion, String countsVersion, SegmentFilter filter) {
    }

    /**
     * @param everyone the unfiltered hotspots the counts version was read from
     * @param etag     a weak ETag: a rebuilt workbook of the same edition differs only in its generation time
     */
    record Edition(EditionKey key, String etag, CataloguePublished catalogue, AnalyticsClient.HotspotsSnapshot everyone) {
    }

    /** @param bytes the finished .xlsx */
    record PublicWorkbook(PublicFigures figures, byte[] bytes) {
    }

    private final CatalogueVersions catalogues;
    private final AnalyticsClient analytics;
    private final ProfileDimensions dimensions;
    private final PublicWorkbookWriter writer;
    private final SingleFlightCache<EditionKey, PublicWorkbook> cache;

    public PublicWorkbooks(CatalogueVersions catalogues, AnalyticsClient analytics, ProfileDimensions dimensions,
                           PublicWorkbookWriter writer, ExportProperties properties) {
        this.catalogues = catalogues;
        this.analytics = analytics;
        this.dimensions = dimensions;
        this.writer = writer;
        this.cache = new SingleFlightCache<>(properties.cachedPublicWorkbooks());
    }

    /**
     * The edition a request for this segment gets now. The counts version always comes from the unfiltered
     * hotspots: every new or withdrawn response changes them, and with them the "By segment" sheet of every segment.
     *
     * @param filter one segment, or null for all respondents
     */
    Edition current(SegmentFilter filter) {
        CataloguePublished catalogue = catalogues.latest()
                .orElseThrow(() -> new ExportUnavailableException("No catalogue has been published yet."));
        AnalyticsClient.HotspotsSnapshot everyone = analytics.fetchHotspots(null);
        EditionKey key = new EditionKey(catalogue.version(), everyone.countsVersion(), filter);
        return new Edition(key, "W/\"" + sha256(key.toString()).substring(0, ETAG_HEX_CHARS) + "\"", catalogue, everyone);
    }

    SingleFlightCache.Lookup<PublicWorkbook> workbook(Edition edition) {
        return cache.get(edition.key(), () -> build(edition));
    }

    private PublicWorkbook build(Edition edition) {
        SegmentFilter filter = edition.key().filter();
        Hotspots hotspots = filter == null ? edition.everyone().hotspots() : analytics.fetchHotspots(filter).hotspots();
        List<SegmentBreakdown> breakdowns = dimensions.all().stream().map(analytics::fetchSegments).toList();
        PublicFigures figures = new PublicFigures(edition.catalogue(), hotspots, breakdowns, Instant.now());
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BUFFER_BYTES);
        try {
            writer.write(figures, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PublicWorkbook(figures, out.toByteArray());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
