package org.pmoresearch.analytics.domain;

/**
 * How counts are published: the smallest count a public segment answer may show (k) and the band
 * thresholds, in percent of the respondents.
 */
public record HotspotRules(int minCellSize, double corePercent, double commonPercent) {

    public HotspotRules {
        if (minCellSize < 1) {
            throw new IllegalArgumentException("minCellSize must be at least 1");
        }
        if (!(commonPercent > 0 && commonPercent < corePercent && corePercent <= 100)) {
            throw new IllegalArgumentException("band thresholds must satisfy 0 < common < core <= 100");
        }
    }

    /** Compared on the exact share, not the rounded percentage shown. */
    public Band band(long count, long total) {
        if (total > 0 && count * 100.0 >= corePercent * total) {
            return Band.CORE;
        }
        if (total > 0 && count * 100.0 >= commonPercent * total) {
            return Band.COMMON;
        }
        return Band.NICHE;
    }

    /** True for a count a public filtered answer must hide: some respondents, but fewer than k. */
    public boolean mustSuppress(long count) {
        return count > 0 && count < minCellSize;
    }

    public enum Band {
        CORE("core"), COMMON("common"), NICHE("niche");

        private final String id;

        Band(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }
}
