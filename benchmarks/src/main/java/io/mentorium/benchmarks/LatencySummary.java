package io.mentorium.benchmarks;

import java.util.Arrays;

/**
 * Percentiles of a set of latencies, by the nearest-rank method on the sorted values (no interpolation, no
 * histogram buckets: every measured update counts).
 *
 * @param count  how many latencies
 * @param p50    median, in nanoseconds
 * @param p99    99th percentile, in nanoseconds
 * @param max    the largest, in nanoseconds
 */
record LatencySummary(int count, long p50, long p99, long max) {

    static LatencySummary of(long[] latenciesNanos) {
        if (latenciesNanos.length == 0) {
            throw new IllegalArgumentException("no latencies to summarise");
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** The smallest value such that at least {@code quantile} of all values are at or below it. */
    static long rank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    double p50Millis() {
        return p50 / 1e6;
    }

    double p99Millis() {
        return p99 / 1e6;
    }

    double maxMillis() {
        return max / 1e6;
    }
}
