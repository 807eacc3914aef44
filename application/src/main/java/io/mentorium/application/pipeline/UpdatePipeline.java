package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.PipelineMetrics;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.UpdateInbox.DeadLetter;
import io.mentorium.application.port.out.UpdateInbox.Stage;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where updates enter: stored in the inbox (durable when {@link #receive} returns, so the channel may confirm them),
 * then handed in memory to the {@link ChatWorkers}, whose replies the {@link OutboxRelay} sends. The database is read
 * back only at {@link #start}, to resume what a previous run left unfinished.
 *
 * <p>Lifecycle: {@link #start} before the channel polls; {@link #stop} after it stopped polling.
 */
public final class UpdatePipeline implements ReceiveUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(UpdatePipeline.class);

    private enum State { NEW, RUNNING, STOPPED }

    private final UpdateInbox inbox;
    private final TransactionRunner transactions;
    private final ChatWorkers workers;
    private final OutboxRelay relay;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    @Inject
    public UpdatePipeline(UpdateInbox inbox, TransactionRunner transactions, ChatWorkers workers, OutboxRelay relay,
                          PipelineMetrics metrics, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Resumes the previous run's unfinished work — pending outbox messages into the relay, pending updates into the
     * workers in update-id order — and starts both. Call once, before the channel starts polling.
     */
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("the pipeline was started before");
        }
        try {
            relay.start();
            workers.start();
            Instant now = clock.instant();
            // Page by page: submitting waits while the workers are full, so a large backlog never sits in memory.
            int resumed = KeysetPages.forEach(inbox::pending, UpdateInbox.Pending::updateId,
                    page -> resume(page, now));
            LOG.info("Update pipeline started; {} pending update(s) resumed", resumed);
        } catch (RuntimeException e) {
            // Typically the database is unreachable: release the threads started so far; nothing was lost.
            state.set(State.STOPPED);
            workers.stop(Duration.ZERO);
            relay.stop();
            throw e;
        }
    }

    /**
     * Stores the batch and hands what waits to be handled to the workers. A batch the database refuses for good (for
     * its content, however unlikely that is now) is split in halves until the one update to blame is found; that one
     * is quarantined and the rest go on at once. Transient failures are the caller's to retry: nothing is confirmed.
     *
     * @throws IllegalStateException when the pipeline is not running: nothing is stored, the channel must not confirm
     * @throws StorageException      (transient) when the database could not be reached: the channel must not confirm
     */
    @Override
    public int receive(List<InboundUpdate> updates) {
        if (state.get() != State.RUNNING) {
            throw new IllegalStateException("the pipeline is not running");
        }
        if (updates.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        List<InboundUpdate> toHandle = new ArrayList<>();
        int fresh = store(updates, now, toHandle);
        metrics.updatesReceived(fresh);
        for (InboundUpdate update : toHandle) {
            metrics.messageReceived(MetricKinds.of(update.input()));
        }
        workers.submit(toHandle, now);
        return fresh;
    }

    @Override
    public void reject(long updateId, long chatId, String reason) {
        quarantine(new DeadLetter(updateId, chatId, Stage.RECEIVE, Redaction.mask(reason), clock.instant()));
    }

    private int store(List<InboundUpdate> updates, Instant now, List<InboundUpdate> toHandle) {
        try {
            UpdateInbox.Stored stored = transactions.inTransaction(() -> inbox.store(updates, now));
            toHandle.addAll(stored.toHandle());
            return stored.fresh();
        } catch (StorageException e) {
            if (e.transientFailure()) {
                throw e;
            }
            if (updates.size() == 1) {
                InboundUpdate poison = updates.getFirst();
                LOG.error("Update {} in chat {} cannot be stored ({}); quarantined", poison.updateId(),
                        poison.input().sender().chatId(), e.getMessage());
                quarantine(new DeadLetter(poison.updateId(), poison.input().sender().chatId().value(), Stage.STORE,
                        Redaction.mask(e.getMessage()), now));
                return 0;
            }
            int half = updates.size() / 2;
            return store(updates.subList(0, half), now, toHandle) + store(updates.subList(half, updates.size()), now,
                    toHandle);
        }
    }

    private void resume(List<UpdateInbox.Pending> page, Instant now) {
        List<InboundUpdate> readable = new ArrayList<>(page.size());
        for (UpdateInbox.Pending pending : page) {
            switch (pending) {
                case UpdateInbox.Pending.Readable(InboundUpdate update) -> readable.add(update);
                case UpdateInbox.Pending.Unreadable(long updateId, long chatId, String reason) -> {
                    LOG.error("Pending update {} in chat {} cannot be read back ({}); quarantined", updateId, chatId,
                            reason);
                    quarantine(new DeadLetter(updateId, chatId, Stage.DECODE, Redaction.mask(reason),
                            clock.instant()));
                }
            }
        }
        workers.submit(readable, now);
    }

    private void quarantine(DeadLetter letter) {
        transactions.inTransaction(() -> inbox.quarantine(letter));
        metrics.updateQuarantined(letter.stage().name().toLowerCase(Locale.ROOT));
    }

    /**
     * Finishes the queued and running updates, then sends what they queued, within {@code timeout} in all; then stops
     * the relay. Whatever did not finish stays pending and is resumed by the next start.
     *
     * @return whether everything was finished and sent in time
     */
    public boolean stop(Duration timeout) {
        if (state.getAndSet(State.STOPPED) != State.RUNNING) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean handled = workers.stop(timeout);
        boolean sent = relay.flush(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        relay.stop();
        LOG.info("Update pipeline stopped; all handled: {}, all sent: {}", handled, sent);
        return handled && sent;
    }
}
