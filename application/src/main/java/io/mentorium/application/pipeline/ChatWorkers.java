package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.PipelineMetrics;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.domain.shared.ChatId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles stored updates: one queue per chat, drained by at most one virtual thread at a time, so updates of a chat are
 * handled in the order they came and chats never wait for each other. A chat's thread ends when its queue is empty.
 *
 * <p>Every update ends in one transaction that applies it, queues the replies and marks it done; then the replies go
 * to the {@link OutboxRelay}. A storage failure is retried (with backoff, the chat's later updates waiting behind it);
 * a bug marks the update failed and queues an apology instead.
 */
public final class ChatWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(ChatWorkers.class);

    /** How long {@link #stop} waits for threads it interrupted. */
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(5);

    private record Job(InboundUpdate update, Instant receivedAt) {

        ChatId chatId() {
            return update.input().sender().chatId();
        }
    }

    private final UpdateHandler handler;
    private final Messenger messenger;
    private final OutboxRelay relay;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final WorkerSettings settings;
    private final Backoff backoff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allIdle = lock.newCondition();
    /** A chat is here while its thread runs; the queue holds the updates not yet taken. */
    private final Map<ChatId, ArrayDeque<Job>> lanes = new HashMap<>();
    private boolean accepting;
    private boolean stopped;
    /** Set when {@link #stop} gave up waiting: threads leave their updates pending instead of finishing them. */
    private volatile boolean abandoned;
    private ExecutorService threads;
    private TypingIndicator typing;

    @Inject
    public ChatWorkers(ConverseWithParent converse, UpdateInbox inbox, Outbox outbox, TransactionRunner transactions,
                       Messenger messenger, OutboxRelay relay, PipelineMetrics metrics, Clock clock,
                       WorkerSettings settings) {
        this.handler = new UpdateHandler(Objects.requireNonNull(converse, "converse"),
                Objects.requireNonNull(inbox, "inbox"), Objects.requireNonNull(outbox, "outbox"),
                Objects.requireNonNull(transactions, "transactions"), Objects.requireNonNull(clock, "clock"));
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.relay = Objects.requireNonNull(relay, "relay");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = clock;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = settings.backoff();
    }

    /** Starts accepting updates. Call once. */
    public void start() {
        lock.lock();
        try {
            if (threads != null) {
                throw new IllegalStateException("the chat workers were started before");
            }
            threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chat-worker-", 0).factory());
            typing = new TypingIndicator(messenger, settings);
            accepting = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues stored updates behind the ones their chats already have. Ignored once stopping: they stay pending in the
     * inbox for the next start.
     *
     * @param receivedAt when they were stored, from which handling latency is measured
     */
    public void submit(List<InboundUpdate> updates, Instant receivedAt) {
        lock.lock();
        try {
            if (!accepting) {
                LOG.debug("Not accepting: {} update(s) left pending in the inbox", updates.size());
                return;
            }
            for (InboundUpdate update : updates) {
                Job job = new Job(update, receivedAt);
                ArrayDeque<Job> lane = lanes.get(job.chatId());
                if (lane == null) {
                    lane = new ArrayDeque<>();
                    lanes.put(job.chatId(), lane);
                    ChatId chatId = job.chatId();
                    threads.execute(() -> drain(chatId));
                }
                lane.addLast(job);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Accepts no more updates and waits for the queued and running ones. At the timeout the rest is abandoned (the
     * running ones interrupted); everything not finished stays pending in the inbox and is resumed by the next start.
     *
     * @return whether every queued update was finished
     */
    public boolean stop(Duration timeout) {
        boolean finished;
        lock.lock();
        try {
            if (stopped || threads == null) {
                stopped = true;
                return lanes.isEmpty();
            }
            stopped = true;
            accepting = false;
            long remaining = timeout.toNanos();
            while (!lanes.isEmpty() && remaining > 0) {
                remaining = allIdle.awaitNanos(remaining);
            }
            finished = lanes.isEmpty();
            if (!finished) {
                abandoned = true;
                LOG.warn("{} chat(s) still busy after {}: their updates stay pending for the next start", lanes.size(),
                        timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
            finished = false;
        } finally {
            lock.unlock();
        }
        shutDownThreads(finished);
        return finished;
    }

    boolean terminated() {
        return threads != null && threads.isTerminated();
    }

    private void shutDownThreads(boolean finished) {
        if (finished) {
            threads.shutdown();
        } else {
            threads.shutdownNow();
        }
        typing.shutdown();
        try {
            long millis = TERMINATION_GRACE.toMillis();
            if (!threads.awaitTermination(millis, TimeUnit.MILLISECONDS) || !typing.awaitTermination(millis)) {
                LOG.warn("Chat worker threads still running {} after stop", TERMINATION_GRACE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(ChatId chatId) {
        while (true) {
            Job job;
            lock.lock();
            try {
                job = abandoned ? null : lanes.get(chatId).pollFirst();
                if (job == null) {
                    lanes.remove(chatId);
                    if (lanes.isEmpty()) {
                        allIdle.signalAll();
                    }
                    return;
                }
            } finally {
                lock.unlock();
            }
            process(job);
        }
    }

    private void process(Job job) {
        ScheduledFuture<?> typingTimer = typing.whileBusy(job.chatId());
        try {
            handleWithRetries(job).ifPresent(relay::offer);
        } finally {
            typingTimer.cancel(false);
        }
    }

    /** @return the replies to send, or empty if the update was left pending (the workers are being abandoned) */
    private Optional<List<QueuedMessage>> handleWithRetries(Job job) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<QueuedMessage> queued = handler.handle(job.update());
                metrics.updateProcessed(Duration.between(job.receivedAt(), clock.instant()));
                return Optional.of(queued);
            } catch (StorageException e) {
                if (!pauseAfter(e, job, attempt)) {
                    return Optional.empty();
                }
            } catch (RuntimeException bug) {
                if (abandoned) {
                    return Optional.empty();
                }
                LOG.error("Update {} in chat {} failed with a bug; answering with an apology", job.update().updateId(),
                        job.chatId(), bug);
                metrics.updateFailed();
                return giveUp(job, bug);
            }
        }
    }

    private Optional<List<QueuedMessage>> giveUp(Job job, RuntimeException bug) {
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(handler.giveUp(job.update(), bug));
            } catch (StorageException e) {
                if (!pauseAfter(e, job, attempt)) {
                    return Optional.empty();
                }
            } catch (RuntimeException apologyBug) {
                LOG.error("The apology for update {} in chat {} failed too", job.update().updateId(), job.chatId(),
                        apologyBug);
                try {
                    handler.markFailed(job.update(), bug);
                } catch (RuntimeException e) {
                    LOG.error("Could not mark update {} failed; it stays pending", job.update().updateId(), e);
                }
                return Optional.empty();
            }
        }
    }

    /**
     * Waits before the next attempt after a storage failure.
     *
     * @return false if the workers are being abandoned and the update should be left pending
     */
    private boolean pauseAfter(StorageException failure, Job job, int attempt) {
        if (abandoned) {
            return false;
        }
        Duration delay = backoff.after(attempt);
        LOG.warn("Storage failed on update {} in chat {} (attempt {}); trying again in {}", job.update().updateId(),
                job.chatId(), attempt, delay, failure);
        try {
            Thread.sleep(delay);
            return !abandoned;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
