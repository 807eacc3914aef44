package io.mentorium.application.pipeline;

import java.time.Duration;

/**
 * How the chat workers behave around slow and failing handling.
 *
 * @param typingAfter  handling that takes longer than this shows "typing…" in the chat
 * @param typingEvery  and again this often while it runs (Telegram shows the action for about five seconds)
 * @param retryFirst   wait after the storage failed for an update; doubles with each further failure
 * @param retryMax     the longest such wait
 */
public record WorkerSettings(Duration typingAfter, Duration typingEvery, Duration retryFirst, Duration retryMax) {

    public static final WorkerSettings DEFAULTS = new WorkerSettings(Duration.ofMillis(300), Duration.ofSeconds(4),
            Duration.ofMillis(200), Duration.ofSeconds(30));

    public WorkerSettings {
        RelaySettings.requirePositive(typingAfter, "typingAfter");
        RelaySettings.requirePositive(typingEvery, "typingEvery");
        RelaySettings.requirePositive(retryFirst, "retryFirst");
        RelaySettings.requirePositive(retryMax, "retryMax");
        if (retryMax.compareTo(retryFirst) < 0) {
            throw new IllegalArgumentException("retryMax " + retryMax + " is below retryFirst " + retryFirst);
        }
    }

    Backoff backoff() {
        return new Backoff(retryFirst, retryMax);
    }
}
