package org.pmoresearch.bench;

import java.util.Arrays;

/**
 * Exact percentiles of a set of measurements (nanoseconds), by the nearest-rank method over a sorted
 * copy: the sample sizes here (at most a few hundred thousand) make an approximate histogram unnecessary.
 */
final class Stats {

    private final long[] sorted;

    private Stats(long[] sorted) {
        this.sorted = sorted;
    }

    static Stats of(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return new Stats(copy);
    }

    int count() {
        return sorted.length;
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The smallest value that at least {@code percent} % of the measurements do not exceed. */
    long percentile(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
        }
        requireValues();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    long max() {
        requireValues();
        return sorted[sorted.length - 1];
    }

    double mean() {
        requireValues();
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return sum / sorted.length;
    }

    private void requireValues() {
        if (sorted.length == 0) {
            throw new IllegalStateException("no measurements");
        }
    }
}
