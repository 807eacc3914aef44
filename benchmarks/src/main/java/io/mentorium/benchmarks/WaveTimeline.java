package io.mentorium.benchmarks;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a wave's model requests arrived at the stand-in: each answer's tool round (the request without tool results)
 * and its answer round (the one that streams the answer). The streams open at once are as many as the answer rounds
 * begun within one stream's length of each other, so how far apart the answer rounds arrive, next to how far apart
 * the questions were handed out, says which step spreads them: the intake, the tool round, or the answer round.
 * Bounded: arrivals past {@link #CAPACITY} of a kind in one wave are counted but not timed.
 */
final class WaveTimeline {

    static final int CAPACITY = 1 << 16;

    private final Arrivals toolRounds = new Arrivals();
    private final Arrivals answerRounds = new Arrivals();

    /** Notes a request as it arrives; the stand-in's script calls it on the request's own thread. */
    void arrived(OpenAiStandIn.Request request) {
        arrived(!request.toolResults().isEmpty(), System.nanoTime());
    }

    void arrived(boolean answerRound, long nanos) {
        (answerRound ? answerRounds : toolRounds).add(nanos);
    }

    /** Forgets the previous wave's arrivals. */
    void clear() {
        toolRounds.clear();
        answerRounds.clear();
    }

    long[] toolRounds() {
        return toolRounds.times();
    }

    long[] answerRounds() {
        return answerRounds.times();
    }

    /** "first / p50 / p99 / last" of {@code times}, in seconds after {@code origin}; "none" for none. */
    static String spread(long[] times, long origin) {
        if (times.length == 0) {
            return "none";
        }
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "+%.2f / +%.2f / +%.2f / +%.2f s (%,d)", seconds(sorted[0], origin),
                seconds(LatencySummary.rank(sorted, 0.5), origin), seconds(LatencySummary.rank(sorted, 0.99), origin),
                seconds(sorted[sorted.length - 1], origin), sorted.length);
    }

    private static double seconds(long nanos, long origin) {
        return (nanos - origin) / 1e9;
    }

    private static final class Arrivals {

        private final long[] times = new long[CAPACITY];
        private final AtomicInteger next = new AtomicInteger();

        void add(long nanos) {
            int slot = next.getAndIncrement();
            if (slot < times.length) {
                times[slot] = nanos;
            }
        }

        void clear() {
            next.set(0);
        }

        /** Read after the wave, once its requests are in: a slot taken but not yet written would read as zero. */
        long[] times() {
            return Arrays.stream(Arrays.copyOf(times, Math.min(next.get(), times.length))).filter(t -> t != 0)
                    .toArray();
        }
    }
}
