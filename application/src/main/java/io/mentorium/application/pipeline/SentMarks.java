package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the outbox that messages were sent, many per statement: one writer thread waits a few milliseconds after
 * the first mark arrives ({@link #LINGER}) and then writes everything gathered by then in one statement — under load a
 * mark costs a small fraction of a round trip and of a durable commit, instead of one of each. A failed write is
 * retried with backoff until it succeeds or the relay stops; a mark is never dropped while the process lives (what a
 * crash loses is sent again after the restart, the one duplicate window ADR 0008 accepts).
 */
final class SentMarks {

    private static final Logger LOG = LoggerFactory.getLogger(SentMarks.class);
    private static final int MAX_PER_WRITE = 1_000;
    /**
     * How long the first waiting mark waits for company. Without it, the writer was so quick to start that it wrote
     * about one mark per statement under load (the benchmark's 0.74 mark statements and commits per update); at 5 ms
     * it still wrote 0.14 per update, at 20 ms 0.04, which took 5 % off the bot's CPU per update and a quarter of the
     * commits (docs/PERFORMANCE.md, 2026-12-03). The cost is that a crash may send again what was sent within these
     * milliseconds before it: still well inside the window ADR 0008 accepts, which a slow commit stretches further.
     */
    static final Duration LINGER = Duration.ofMillis(20);

    private final Outbox outbox;
    private final Clock clock;
    private final Backoff backoff;
    /** Told which ids are recorded, so the relay can forget them. */
    private final Consumer<List<Long>> onMarked;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayList<Long> waiting = new ArrayList<>();
    private boolean writing;
    private boolean stopped;
    private Thread writer;

    SentMarks(Outbox outbox, Clock clock, Backoff backoff, Consumer<List<Long>> onMarked) {
        this.outbox = outbox;
        this.clock = clock;
        this.backoff = backoff;
        this.onMarked = onMarked;
    }

    /**
     * A platform thread, like the senders': it wakes for the first mark of each batch, after its linger and for the
     * database's answer, and a virtual thread paid for each of those on a carrier, through the JDK's timer and, for the
     * answer, its I/O poller too — about five wake-ups per write where this thread sleeps about twice
     * (docs/PERFORMANCE.md, 2026-12-05). Nor does a write wait for a carrier behind the assistant's answers.
     */
    void start() {
        writer = Thread.ofPlatform().name("outbox-marks").daemon(true).start(this::writeLoop);
    }

    void add(long id) {
        lock.lock();
        try {
            waiting.add(id);
            // The writer only needs waking for the first mark (it then lingers) and for a full batch.
            if (waiting.size() == 1 || waiting.size() >= MAX_PER_WRITE) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every mark added so far is written; false at the timeout or once stopped. */
    boolean flush(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (!waiting.isEmpty() || writing) {
                if (remaining <= 0 || stopped) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the write under way; marks still waiting are logged (their messages are sent again after restart). */
    void stop(Duration grace) {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (writer != null && !writer.join(grace)) {
                writer.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            if (!waiting.isEmpty()) {
                LOG.warn("{} sent message(s) could not be marked before stopping; they will be sent again", waiting.size());
            }
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        int failures = 0;
        while (true) {
            List<Long> batch;
            lock.lock();
            try {
                while (waiting.isEmpty() && !stopped) {
                    changed.await();
                }
                long linger = LINGER.toNanos();
                while (!stopped && linger > 0 && waiting.size() < MAX_PER_WRITE) {
                    linger = changed.awaitNanos(linger);
                }
                if (stopped && (waiting.isEmpty() || failures > 0)) {
                    return;
                }
                int size = Math.min(MAX_PER_WRITE, waiting.size());
                batch = new ArrayList<>(waiting.subList(0, size));
                waiting.subList(0, size).clear();
                writing = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            boolean written = write(batch, failures + 1);
            lock.lock();
            try {
                writing = false;
                if (!written) {
                    waiting.addAll(0, batch);
                    failures++;
                    if (!stopped) {
                        changed.awaitNanos(backoff.after(failures).toNanos());
                    }
                } else {
                    failures = 0;
                }
                changed.signalAll();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (written) {
                onMarked.accept(batch);
            }
        }
    }

    private boolean write(List<Long> batch, int attempt) {
        try {
            outbox.markSent(batch, clock.instant());
            return true;
        } catch (StorageException e) {
            LOG.warn("Could not mark {} sent message(s) (attempt {}): {}; trying again", batch.size(), attempt,
                    e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.error("Marking {} sent message(s) failed with a bug (attempt {}); trying again", batch.size(), attempt,
                    e);
            return false;
        }
    }
}
