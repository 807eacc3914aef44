package io.mentorium.benchmarks;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

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

        // Written by the stand-in's request threads, read by the benchmark's: each slot is published on its own.
        private final AtomicLongArray times = new AtomicLongArray(CAPACITY);
        private final AtomicInteger next = new AtomicInteger();

        void add(long nanos) {
            int slot = next.getAndIncrement();
            if (slot < CAPACITY) {
                times.set(slot, nanos);
            }
        }

        void clear() {
            int taken = Math.min(next.getAndSet(0), CAPACITY);
            for (int slot = 0; slot < taken; slot++) {
                times.set(slot, 0);
            }
        }

        /** Read after the wave, once its requests are in: a slot taken but not yet written is left out. */
        long[] times() {
            int taken = Math.min(next.get(), CAPACITY);
            long[] written = new long[taken];
            int count = 0;
            for (int slot = 0; slot < taken; slot++) {
                long time = times.get(slot);
                if (time != 0) {
                    written[count++] = time;
                }
            }
            return Arrays.copyOf(written, count);
        }
    }
}
