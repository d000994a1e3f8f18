package org.pmoresearch.export.domain;

/**
 * The community's figures for one service area or task, as analytics reports them.
 *
 * @param count      respondents who carry it out; null when suppressed
 * @param share      those respondents as a fraction of all respondents (0..1); null when suppressed
 * @param rank       1 = most common (dense rank); null when suppressed or not reported
 * @param band       core, common or niche; null when suppressed or not reported
 * @param suppressed true when the figure stands for fewer than the smallest publishable number of respondents
 */
public record Figures(Long count, Double share, Integer rank, String band, boolean suppressed) {

    /** An area or task nobody reported: it may be new in the catalogue. */
    public static final Figures NOBODY = new Figures(0L, 0.0, null, null, false);
    public static final Figures SUPPRESSED = new Figures(null, null, null, null, true);
}
