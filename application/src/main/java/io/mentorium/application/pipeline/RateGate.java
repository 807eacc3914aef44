package io.mentorium.application.pipeline;

import java.time.Duration;
import java.time.Instant;

/**
 * A pace of one event per {@code interval} that tolerates a burst of {@code burst} events at once (the generic cell
 * rate algorithm): it remembers a single instant, the theoretical time the next event would be due at a steady pace.
 * Not thread-safe; the relay guards it with its lock.
 */
final class RateGate {

    private final Duration interval;
    private final Duration tolerance;
    private final int burst;
    private Instant theoreticalArrival = Instant.MIN;

    RateGate(Duration interval, int burst) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        this.interval = interval;
        this.tolerance = interval.multipliedBy(burst - 1L);
        this.burst = burst;
    }

    /**
     * One per second divided evenly, with a burst of what {@link #CATCH_UP} holds (at least one). Without any burst, a
     * dispatcher that wakes a fraction of an interval late loses that fraction for good: at 1,000/s a quarter of a
     * millisecond of wake-up delay per send capped the benchmark at 800/s. The catch-up lets late sends make up for
     * it, so the average holds at {@code perSecond} while any second sees at most {@code perSecond} plus the burst;
     * at Telegram's default 25/s (40 ms apart) the burst is one, the strict pacing.
     */
    static RateGate perSecond(int perSecond) {
        Duration interval = Duration.ofSeconds(1).dividedBy(perSecond);
        int burst = (int) Math.max(1, CATCH_UP.toNanos() / interval.toNanos());
        return new RateGate(interval, burst);
    }

    /** How much lateness a per-second gate lets sends catch up on. */
    static final Duration CATCH_UP = Duration.ofMillis(20);

    /** The earliest instant the next event may happen. */
    Instant earliest() {
        return theoreticalArrival == Instant.MIN ? Instant.MIN : theoreticalArrival.minus(tolerance);
    }

    /**
     * The earliest instant at which {@code events} events (at most the burst) may all happen at once: what a dispatcher
     * with several waiting can sleep until, to send them together instead of waking once per interval.
     */
    Instant earliest(int events) {
        if (theoreticalArrival == Instant.MIN) {
            return Instant.MIN;
        }
        int together = Math.max(1, Math.min(events, burst));
        return theoreticalArrival.plus(interval.multipliedBy(together - 1L)).minus(tolerance);
    }

    boolean allows(Instant now) {
        return !now.isBefore(earliest());
    }

    /**
     * Whether an event at {@code now} would keep to the steady pace, using none of the burst: what a send that may
     * be skipped (a preview, "typing…") takes, so that the burst stays whole for the messages that may not.
     */
    boolean onPace(Instant now) {
        return !now.isBefore(theoreticalArrival);
    }

    /** Counts an event at {@code now}; the caller has checked {@link #allows}. */
    void take(Instant now) {
        Instant base = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
        theoreticalArrival = base.plus(interval);
    }

    /** Moves the next slot {@code by} later: the last event counted happened that much after it was counted. */
    void delay(Duration by) {
        if (theoreticalArrival != Instant.MIN) {
            theoreticalArrival = theoreticalArrival.plus(by);
        }
    }

    /** From this instant on the gate is as if it had never been used (a full burst is available again). */
    Instant recoveredAt() {
        return theoreticalArrival;
    }
}
