package io.mentorium.adapters.telegram;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.RealConnectionPool;

/**
 * An OkHttp connection pool whose clean-up runs on its own pace instead of at every call's end.
 *
 * <p>OkHttp 4 schedules the pool's clean-up for "now" whenever a connection becomes idle, that is at the end of every
 * HTTP/1.1 call, and wakes (or starts) its task thread to run it; the clean-up then takes the lock of every pooled
 * connection in turn. A client whose calls end in bursts (the echo bot) absorbs that in one run; the outbox relay's
 * sends are spread by its pacing, so each of ~1,000 sends a second woke a thread that walked 64 connections' locks
 * against the senders taking them: the largest single item of the bot's profile ("OkHttp's call end",
 * docs/PERFORMANCE.md). Evicting an idle connection a second late costs nothing, so here the task thread is never
 * woken by a call's end; it wakes on its own at most every {@code pace} and runs whatever clean-up is due.
 *
 * <p>OkHttp exposes no public hook for this; the pool is built on its {@code internal} task runner, whose shape is
 * pinned by the OkHttp version the Telegram client library brings (4.12). A test fails if that shape changes.
 */
final class PacedPoolCleanup implements TaskRunner.Backend {

    private final long paceNanos;
    private final AtomicLong coordinatorsStarted = new AtomicLong();
    private final AtomicLong wakeUps = new AtomicLong();
    private final AtomicInteger threadsRunning = new AtomicInteger();

    /** A clean-up that waits at most {@code pace} between looks; tests build one to observe it. */
    PacedPoolCleanup(Duration pace) {
        if (pace.isNegative() || pace.isZero()) {
            throw new IllegalArgumentException("the clean-up pace must be positive: " + pace);
        }
        this.paceNanos = pace.toNanos();
    }

    /** A pool of up to {@code maxIdle} idle connections kept {@code keepAlive}, cleaned at most every {@code pace}. */
    static ConnectionPool pool(int maxIdle, Duration keepAlive, Duration pace) {
        return pool(maxIdle, keepAlive, new PacedPoolCleanup(pace));
    }

    /** The same, observed through {@code cleanup} (tests). */
    static ConnectionPool pool(int maxIdle, Duration keepAlive, PacedPoolCleanup cleanup) {
        TaskRunner runner = new TaskRunner(cleanup);
        return new ConnectionPool(new RealConnectionPool(runner, maxIdle, keepAlive.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** How many times the task thread was started or woke up to look for due clean-up. */
    long activations() {
        return coordinatorsStarted.get() + wakeUps.get();
    }

    /**
     * How many of this pool's clean-up threads are running: one while the pool holds connections, and briefly a second
     * when a connection goes idle while the first is running a clean-up (OkHttp's task runner then starts another).
     */
    int threadsRunning() {
        return threadsRunning.get();
    }

    @Override
    public void beforeTask(TaskRunner taskRunner) {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    /** Not woken by a call's end: the waiting thread looks again within {@link #paceNanos} anyway. */
    @Override
    public void coordinatorNotify(TaskRunner taskRunner) {
    }

    @Override
    public void coordinatorWait(TaskRunner taskRunner, long nanos) {
        long waitNanos = Math.min(nanos, paceNanos);
        if (waitNanos > 0) {
            try {
                // The task runner calls this holding its own monitor and loops around it, as with OkHttp's backend.
                taskRunner.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                // OkHttp's own (Kotlin) backend lets this through undeclared; the task runner catches it and
                // cancels its tasks.
                throw PacedPoolCleanup.<RuntimeException>undeclared(e);
            }
        }
        wakeUps.incrementAndGet();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T undeclared(Throwable thrown) throws T {
        throw (T) thrown;
    }

    /**
     * Starts the task runner's loop. It runs only while clean-up is scheduled (while the pool holds connections) and
     * ends by itself when the pool is empty, so a daemon thread with nothing to shut down is enough. Not a virtual
     * thread: it waits on a monitor, which pins a virtual thread's carrier on Java 21.
     */
    @Override
    public void execute(Runnable runnable) {
        coordinatorsStarted.incrementAndGet();
        threadsRunning.incrementAndGet();
        Thread.ofPlatform().daemon().name("telegram-pool-cleanup").start(() -> {
            try {
                runnable.run();
            } finally {
                threadsRunning.decrementAndGet();
            }
        });
    }
}
