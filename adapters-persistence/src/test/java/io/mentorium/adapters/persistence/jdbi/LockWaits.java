package io.mentorium.adapters.persistence.jdbi;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;

/**
 * What the concurrency tests wait for, with a deadline: a backend of the test's database waiting on a lock, or a latch.
 * Call from outside the transactions under test: inside one, every read of {@code pg_stat_activity} answers from the
 * snapshot of the first.
 */
final class LockWaits {

    private LockWaits() {
    }

    /** Polls PostgreSQL's own view until a backend waits on a lock, or until {@code done}; fails at the deadline. */
    static void awaitSomeoneWaitingOr(Jdbi jdbi, Duration deadline, BooleanSupplier done) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return;
            }
            int waiting = jdbi.withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock'").mapTo(Integer.class).one());
            if (waiting > 0) {
                return;
            }
        }
        throw new AssertionError("no transaction started waiting for a lock within " + deadline);
    }

    static void await(CountDownLatch latch, Duration deadline) {
        try {
            if (!latch.await(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("not released within " + deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
