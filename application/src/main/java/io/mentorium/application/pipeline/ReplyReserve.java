package io.mentorium.application.pipeline;

import java.time.Duration;
import java.time.Instant;

/**
 * How far each one-second window of the shared {@link io.mentorium.application.port.out.SendBudget} may be filled, by
 * a draw for a reply somebody waits for and by a background draw (reports, notifications, resumed rows), over every
 * process sending for the bot (ADR 0014).
 *
 * <p>A reply may fill the window to the limit. Background may fill it to the limit minus what of the reserve (a fifth
 * of the limit) is still ahead in the window: at a fraction {@code f} into the second, {@code reserve × (1 − f)}
 * permits stay held for replies — exactly what replies could still spend at the reserve's pace before the window
 * ends. The part of the reserve whose time has passed unused has lapsed, and background borrows it. So a parent who
 * writes at any moment still finds the reserve's pace free for the rest of the second (and the whole reserve in the
 * next one), while a backlog with no reply waiting reaches the full rate instead of four fifths of it.
 */
final class ReplyReserve {

    private static final long SECOND = 1_000_000_000L;

    /**
     * The least a relay waits before drawing again after the budget gave it less than it asked for: the reserve lapses
     * a permit every {@code 1 s / reserve}, and asking more often than this would cost round trips for single
     * permits.
     */
    static final Duration MIN_RETRY = Duration.ofMillis(10);

    private final int limit;
    private final int reserve;

    ReplyReserve(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        this.limit = limit;
        this.reserve = limit / 5;
    }

    int limit() {
        return limit;
    }

    /** Permits a second held for replies at the start of each window. */
    int reserve() {
        return reserve;
    }

    /** How far a draw may fill the window of {@code now}. */
    int cap(boolean forReplies, Instant now) {
        if (forReplies) {
            return limit;
        }
        long ahead = SECOND - now.getNano();
        long held = Math.ceilDiv(reserve * ahead, SECOND);
        return (int) (limit - held);
    }

    /**
     * Permits that could still be sent at the full rate before the window of {@code now} ends (at least one): a relay
     * draws no more than that, since permits left over at the window's end are lost to every process.
     */
    int sendableInRestOf(Instant now) {
        long ahead = SECOND - now.getNano();
        return (int) Math.max(1, Math.ceilDiv(limit * ahead, SECOND));
    }

    /**
     * When a background draw that fell {@code shortBy} permits short at {@code drawnAt} is worth trying again: once
     * that many more of the reserve have lapsed, or a twentieth of it (what lapses in 50 ms) if that comes first — a
     * draw that asked for the rest of the window would otherwise wait for most of it — at the earliest after
     * {@link #MIN_RETRY}, at the latest at the next window.
     */
    Instant retryAfterShortGrant(Instant drawnAt, int shortBy) {
        Instant nextWindow = Instant.ofEpochSecond(drawnAt.getEpochSecond() + 1);
        if (reserve == 0) {
            return nextWindow;
        }
        long worth = Math.max(1, Math.min(shortBy, reserve / 20));
        long wait = Math.max(MIN_RETRY.toNanos(), Math.ceilDiv(worth * SECOND, reserve));
        Instant retry = drawnAt.plusNanos(wait);
        return retry.isBefore(nextWindow) ? retry : nextWindow;
    }
}
