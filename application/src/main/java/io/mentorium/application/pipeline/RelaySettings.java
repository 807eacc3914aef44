package io.mentorium.application.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How fast and how persistently the outbox relay sends.
 *
 * @param globalPerSecond  paced messages per second over all chats (Telegram allows about 30)
 * @param perChatInterval  the steady pace within one chat (Telegram: about one message a second)
 * @param perChatBurst     how many messages a quiet chat may receive at once before the pace applies
 * @param maxInFlight      sends running at the same time, so a slow Telegram cannot pile up threads
 * @param retryFirst       wait after the first retryable failure of a message; doubles with each further failure
 * @param retryMax         the longest such wait
 * @param maxAttempts      failed attempts after which a message that keeps failing retryably is given up
 * @param stopGrace        how long {@link OutboxRelay#stop()} waits for sends already running
 * @param maxQueued        messages the relay holds in memory at most (queued, in flight or being marked sent); more
 *                         wait in the outbox, and whoever offers them waits for room
 * @param pickUpInterval   how often the relay looks in the outbox for pending messages nobody offered it (those queued
 *                         by another process, such as the scheduler); it bounds how late such a message starts
 */
public record RelaySettings(int globalPerSecond, Duration perChatInterval, int perChatBurst, int maxInFlight,
                            Duration retryFirst, Duration retryMax, int maxAttempts, Duration stopGrace,
                            int maxQueued, Duration pickUpInterval) {

    /** The default bound of {@link #maxQueued}: a few megabytes of messages. */
    public static final int DEFAULT_MAX_QUEUED = 10_000;

    /**
     * The default {@link #pickUpInterval}: scheduled reports and notifications are not urgent to the second, and a
     * pass that finds nothing new costs one indexed query.
     */
    public static final Duration DEFAULT_PICK_UP_INTERVAL = Duration.ofSeconds(2);

    public RelaySettings(int globalPerSecond, Duration perChatInterval, int perChatBurst, int maxInFlight,
                         Duration retryFirst, Duration retryMax, int maxAttempts, Duration stopGrace, int maxQueued) {
        this(globalPerSecond, perChatInterval, perChatBurst, maxInFlight, retryFirst, retryMax, maxAttempts, stopGrace,
                maxQueued, DEFAULT_PICK_UP_INTERVAL);
    }

    public RelaySettings(int globalPerSecond, Duration perChatInterval, int perChatBurst, int maxInFlight,
                         Duration retryFirst, Duration retryMax, int maxAttempts, Duration stopGrace) {
        this(globalPerSecond, perChatInterval, perChatBurst, maxInFlight, retryFirst, retryMax, maxAttempts, stopGrace,
                DEFAULT_MAX_QUEUED);
    }

    public RelaySettings {
        requireAtLeastOne(globalPerSecond, "globalPerSecond");
        requirePositive(perChatInterval, "perChatInterval");
        requireAtLeastOne(perChatBurst, "perChatBurst");
        requireAtLeastOne(maxInFlight, "maxInFlight");
        requirePositive(retryFirst, "retryFirst");
        requirePositive(retryMax, "retryMax");
        if (retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException("retryMax " + retryMax + " is below retryFirst " + retryFirst);
        }
        requireAtLeastOne(maxAttempts, "maxAttempts");
        requirePositive(stopGrace, "stopGrace");
        requireAtLeastOne(maxQueued, "maxQueued");
        requirePositive(pickUpInterval, "pickUpInterval");
        if (globalPerSecond > 1_000_000_000) {
            throw new IllegalArgumentException("globalPerSecond must leave at least a nanosecond between sends");
        }
    }

    /** Telegram's documented limits with the global rate from {@code TELEGRAM_MAX_SENDS_PER_SECOND}. */
    public static RelaySettings telegram(int globalPerSecond) {
        return new RelaySettings(globalPerSecond, Duration.ofSeconds(1), 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(10));
    }

    public RelaySettings withPickUpInterval(Duration interval) {
        return new RelaySettings(globalPerSecond, perChatInterval, perChatBurst, maxInFlight, retryFirst, retryMax,
                maxAttempts, stopGrace, maxQueued, interval);
    }

    Backoff backoff() {
        return new Backoff(retryFirst, retryMax);
    }

    static void requireAtLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
