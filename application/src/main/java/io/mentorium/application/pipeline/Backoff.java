package io.mentorium.application.pipeline;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff: {@code first}, twice that, four times … never more than {@code max}. */
record Backoff(Duration first, Duration max) {

    Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first backoff must be positive: " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below the first " + first);
        }
    }

    /** @param attempt the number of the failed attempt, from 1 */
    Duration after(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        // Doubling more than 62 times overflows long before any cap matters; the cap is reached far earlier anyway.
        int doublings = Math.min(attempt - 1, 30);
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
