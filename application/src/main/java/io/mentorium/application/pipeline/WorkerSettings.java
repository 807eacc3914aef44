package io.mentorium.application.pipeline;

import java.time.Duration;

/**
 * How the chat workers behave around slow and failing handling.
 *
 * @param typingAfter  handling that takes longer than this shows "typing…" in the chat
 * @param typingEvery  and again this often while it runs (Telegram shows the action for about five seconds)
 * @param retryFirst   wait after the storage failed for an update; doubles with each further failure
 * @param retryMax     the longest such wait
 * @param maxAttempts  attempts at an update whose storage keeps failing transiently; then it is set aside, the parent
 *                     gets an apology, and the chat goes on
 * @param maxQueued    updates held in memory at most (queued or being handled); receiving waits for room beyond that
 */
public record WorkerSettings(Duration typingAfter, Duration typingEvery, Duration retryFirst, Duration retryMax,
                             int maxAttempts, int maxQueued) {

    /** About a minute and a half of retrying (0.2 s doubling to 30 s) before an update is set aside. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final int DEFAULT_MAX_QUEUED = 10_000;

    public static final WorkerSettings DEFAULTS = new WorkerSettings(Duration.ofMillis(300), Duration.ofSeconds(4),
            Duration.ofMillis(200), Duration.ofSeconds(30), DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_QUEUED);

    public WorkerSettings(Duration typingAfter, Duration typingEvery, Duration retryFirst, Duration retryMax) {
        this(typingAfter, typingEvery, retryFirst, retryMax, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_QUEUED);
    }

    public WorkerSettings {
        RelaySettings.requirePositive(typingAfter, "typingAfter");
        RelaySettings.requirePositive(typingEvery, "typingEvery");
        RelaySettings.requirePositive(retryFirst, "retryFirst");
        RelaySettings.requirePositive(retryMax, "retryMax");
        if (retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException("retryMax " + retryMax + " is below retryFirst " + retryFirst);
        }
        RelaySettings.requireAtLeastOne(maxAttempts, "maxAttempts");
        RelaySettings.requireAtLeastOne(maxQueued, "maxQueued");
    }

    Backoff backoff() {
        return new Backoff(retryFirst, retryMax);
    }
}
