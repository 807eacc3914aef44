package io.mentorium.runner.bot;

import io.mentorium.application.port.in.BroadcastAnnouncement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues confirmed announcements off the chat's turn: every {@link #PERIOD} it lets the use case page through the
 * parents. A failure is logged and the next run resumes where the last committed page ended; an exception must never
 * escape, or the executor would silently cancel every later run.
 */
final class BroadcastTimer implements AutoCloseable {

    static final Duration PERIOD = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastTimer.class);

    private final BroadcastAnnouncement announcements;
    /** Told when messages were queued: the relay claims them at once rather than at its next full sweep. */
    private final Runnable queued;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;

    BroadcastTimer(BroadcastAnnouncement announcements, Runnable queued, ScheduledExecutorService scheduler) {
        this.announcements = Objects.requireNonNull(announcements, "announcements");
        this.queued = Objects.requireNonNull(queued, "queued");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    static BroadcastTimer onOwnThread(BroadcastAnnouncement announcements, Runnable queued) {
        return new BroadcastTimer(announcements, queued, Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "broadcasts");
            thread.setDaemon(true);
            return thread;
        }));
    }

    synchronized void start() {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        task = scheduler.scheduleWithFixedDelay(this::runOnce, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void runOnce() {
        try {
            if (announcements.deliverPending() > 0) {
                queued.run();
            }
        } catch (RuntimeException failure) {
            LOG.warn("Queuing announcements failed; trying again in {}", PERIOD, failure);
        }
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        scheduler.shutdownNow();
    }
}
