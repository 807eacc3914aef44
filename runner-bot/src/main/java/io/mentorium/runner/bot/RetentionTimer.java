package io.mentorium.runner.bot;

import io.mentorium.application.service.RetentionHandover;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the retention purge at start and then every {@link #PERIOD}, standing a round down while a scheduler's
 * {@code retention} job does the purging ({@link RetentionHandover}); a deployment without a scheduler is still purged.
 * A purge that fails is logged and tried again next time: it must never stop the bot, nor the timer (an exception
 * escaping a scheduled task would silently cancel every later run).
 */
final class RetentionTimer implements AutoCloseable {

    static final Duration PERIOD = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(RetentionTimer.class);

    private final RetentionHandover handover;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;

    /** @param scheduler owned from here on: {@link #close} shuts it down */
    RetentionTimer(RetentionHandover handover, ScheduledExecutorService scheduler) {
        this.handover = Objects.requireNonNull(handover, "handover");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** On a daemon thread of its own, so a slow purge never delays an update and never keeps the JVM alive. */
    static RetentionTimer onOwnThread(RetentionHandover handover) {
        return new RetentionTimer(handover, java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        }));
    }

    synchronized void start() {
        if (task != null) {
            throw new IllegalStateException("already started");
        }
        // Fixed delay, not rate: a purge slower than the period never piles up runs behind itself.
        task = scheduler.scheduleWithFixedDelay(this::runOnce, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void runOnce() {
        try {
            handover.purgeUnlessSchedulerDid(PERIOD);
        } catch (RuntimeException failure) {
            LOG.warn("Retention purge failed; trying again in {}", PERIOD, failure);
        }
    }

    /** Stops the timer; a purge under way is interrupted between its statements at the latest. */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        scheduler.shutdownNow();
    }
}
