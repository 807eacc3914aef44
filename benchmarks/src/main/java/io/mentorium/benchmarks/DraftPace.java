package io.mentorium.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/**
 * How often one chat was shown a draft: the most drafts within any one-second window and the shortest gap between two
 * consecutive drafts, over the arrival times of its {@code sendMessageDraft} calls at the stand-in.
 *
 * @param drafts      drafts counted
 * @param maxPerSecond the most drafts in any window of one second (a draft at t and one at t + 1 s are not together)
 * @param shortestGapNanos the shortest gap between consecutive drafts; {@link Long#MAX_VALUE} with fewer than two
 */
record DraftPace(int drafts, int maxPerSecond, long shortestGapNanos) {

    static final long SECOND = 1_000_000_000L;

    static DraftPace of(long[] arrivalNanos) {
        long[] sorted = arrivalNanos.clone();
        Arrays.sort(sorted);
        int max = Math.min(1, sorted.length);
        long shortest = Long.MAX_VALUE;
        int from = 0;
        for (int to = 0; to < sorted.length; to++) {
            while (sorted[to] - sorted[from] >= SECOND) {
                from++;
            }
            max = Math.max(max, to - from + 1);
            if (to > 0) {
                shortest = Math.min(shortest, sorted[to] - sorted[to - 1]);
            }
        }
        return new DraftPace(sorted.length, max, shortest);
    }

    /** The worst of many chats: the highest per-second count and the shortest gap of any. */
    static DraftPace worst(Collection<DraftPace> chats) {
        int drafts = 0;
        int max = 0;
        long shortest = Long.MAX_VALUE;
        for (DraftPace chat : chats) {
            drafts += chat.drafts;
            max = Math.max(max, chat.maxPerSecond);
            shortest = Math.min(shortest, chat.shortestGapNanos);
        }
        return new DraftPace(drafts, max, shortest);
    }

    /** The largest number of intervals {@code [start, end)} that overlap at one instant (answers in flight). */
    static int maxOverlap(long[] starts, long[] ends) {
        if (starts.length != ends.length) {
            throw new IllegalArgumentException("as many starts as ends");
        }
        long[] s = starts.clone();
        long[] e = ends.clone();
        Arrays.sort(s);
        Arrays.sort(e);
        int open = 0;
        int max = 0;
        int j = 0;
        for (long start : s) {
            while (j < e.length && e[j] <= start) {
                j++;
                open--;
            }
            open++;
            max = Math.max(max, open);
        }
        return max;
    }
}
