package io.mentorium.benchmarks;

import java.util.List;
import java.util.stream.LongStream;

/**
 * One measured round: how many updates were answered, the wall time from the first enqueue to the last reply, and the
 * latency of each update (getUpdates delivery to reply arrival).
 */
record RoundResult(int updates, long wallNanos, long[] latenciesNanos) {

    double updatesPerSecond() {
        return updates / (wallNanos / 1e9);
    }

    /** Rounds taken together: throughput over their summed wall time, percentiles over all their latencies. */
    static RoundResult combined(List<RoundResult> rounds) {
        int updates = rounds.stream().mapToInt(RoundResult::updates).sum();
        long wall = rounds.stream().mapToLong(RoundResult::wallNanos).sum();
        long[] latencies = rounds.stream().flatMapToLong(round -> LongStream.of(round.latenciesNanos())).toArray();
        return new RoundResult(updates, wall, latencies);
    }

    LatencySummary latency() {
        return LatencySummary.of(latenciesNanos);
    }
}
