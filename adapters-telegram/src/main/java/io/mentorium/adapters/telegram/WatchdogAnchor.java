package io.mentorium.adapters.telegram;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okio.AsyncTimeout;

/**
 * Keeps a timeout of its own at the front of okio's watchdog list, so that the Bot API calls' socket timeouts never go
 * there and never wake the watchdog.
 *
 * <p>OkHttp times every socket read and write with an okio {@link AsyncTimeout}: an entry in one list shared by the
 * whole JVM, ordered by deadline, that a single watchdog thread sleeps on until the first deadline. An entry put at the
 * front wakes that thread to sleep again for the new first deadline. Every read and write of a Bot API call has the
 * same timeout, so its entry goes behind those of the calls already under way, and to the front only when no other
 * call is — which is nearly every time for the outbox relay's sends, spread out by its pacing: half a watchdog wake-up
 * per reply, a thirtieth of the bot's CPU on the update path (docs/PERFORMANCE.md, 2026-12-05).
 *
 * <p>The anchor's timeout is a second shorter than the calls', and it is entered afresh every {@link #REFRESH} before
 * the one it replaces leaves, so some anchor entered earlier with an earlier deadline is always ahead of any call's
 * entry. A timeout shorter than the anchor's (none of this client's) still goes to the front and is served as before:
 * okio alone decides when anything times out, the anchor only sits in the list and never times out itself.
 */
final class WatchdogAnchor implements AutoCloseable {

    /** How often a fresh anchor replaces the current one; far less than any anchor's timeout. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Duration LEAD = Duration.ofSeconds(1);

    private final long timeoutNanos;
    private final ScheduledExecutorService timer;
    /** Only the timer's thread (and close, after it stopped) touch it. */
    private AsyncTimeout current;

    private WatchdogAnchor(Duration callsTimeout) {
        if (callsTimeout.compareTo(REFRESH.plus(LEAD).multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the calls' timeout is too short for an anchor: " + callsTimeout);
        }
        this.timeoutNanos = callsTimeout.minus(LEAD).toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("telegram-timeout-anchor").daemon(true).factory());
    }

    /** An anchor ahead of entries whose timeout is {@code callsTimeout} (the client's read and write timeout). */
    static WatchdogAnchor ahead(Duration callsTimeout) {
        WatchdogAnchor anchor = new WatchdogAnchor(callsTimeout);
        anchor.timer.execute(anchor::refresh);
        anchor.timer.scheduleWithFixedDelay(anchor::refresh, REFRESH.toNanos(), REFRESH.toNanos(),
                TimeUnit.NANOSECONDS);
        return anchor;
    }

    private void refresh() {
        AsyncTimeout next = new AsyncTimeout();
        next.timeout(timeoutNanos, TimeUnit.NANOSECONDS);
        next.enter();
        AsyncTimeout previous = current;
        current = next;
        if (previous != null) {
            previous.exit();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (timer.isTerminated() && current != null) {
            current.exit();
            current = null;
        }
    }
}
