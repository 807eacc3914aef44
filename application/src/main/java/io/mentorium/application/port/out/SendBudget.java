package io.mentorium.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * Send permits shared by every process sending for the same bot token (Telegram's limits are per bot), counted per
 * one-second window, plus the pause a 429 imposes on all of them. A relay draws a block of permits at a time, so this
 * costs one round trip per block, not per message.
 */
public interface SendBudget {

    /**
     * Takes up to {@code wanted} permits of the window {@code epochSecond}, as long as the window's total stays at or
     * below {@code cap}. Windows are counted apart: a draw for the next window, made just before it begins, does not
     * end the count of the current one.
     *
     * @return how many were granted (possibly none) and until when all sending is paused
     */
    Grant draw(long epochSecond, int wanted, int cap);

    /** Pauses every process's sending until {@code until} (a later pause already stored stands). */
    void pauseUntil(Instant until);

    /** Whether draws cost a round trip (then the relay draws off its dispatcher thread). */
    default boolean remote() {
        return true;
    }

    record Grant(int granted, Instant pausedUntil) {

        public Grant {
            Objects.requireNonNull(pausedUntil, "pausedUntil");
            if (granted < 0) {
                throw new IllegalArgumentException("granted must not be negative: " + granted);
            }
        }
    }

    /** A budget for one process alone: every draw is granted, pauses stay local (the relay keeps its own). */
    static SendBudget local() {
        return new SendBudget() {
            @Override
            public Grant draw(long epochSecond, int wanted, int cap) {
                return new Grant(wanted, Instant.MIN);
            }

            @Override
            public void pauseUntil(Instant until) {
            }

            @Override
            public boolean remote() {
                return false;
            }
        };
    }
}
