package io.mentorium.application.pipeline;

import io.mentorium.application.assistant.QuestionsAsked;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles stored updates: one queue per chat, one update of a chat at a time, so updates of a chat are handled in the
 * order they came. A chat with an update to handle has one turn waiting for a thread; a thread takes a turn and, when
 * more wait, up to {@link #MAX_TOGETHER} - 1 more, and handles those chats' next updates together; each chat with
 * more updates then waits for its next turn. The threads are a bounded pool of platform threads, so that menus never
 * queue for a carrier behind assistant answers (see {@link #chatThreads}).
 *
 * <p>Every update ends in a transaction that applies it, marks it done and queues the replies; then the replies go to
 * the {@link OutboxRelay}. Updates taken together share one transaction (see {@link UpdateHandler#handleTogether}):
 * an update that needs a platform read, or fails, leaves it and is handled alone after the others' replies went out,
 * so it holds up nobody. Nothing an update contains can hold up its chat or anyone else's: a transient storage
 * failure is retried with backoff at most {@link WorkerSettings#maxAttempts()} times; a permanent one, a bug, or
 * running out of attempts sets the update aside (a dead letter) and answers the parent with an apology, and the chat's
 * next update goes on. At most {@link WorkerSettings#maxQueued()} updates are held in memory: {@link #submit} waits
 * for room beyond that, which slows the receiving down to the pace of handling.
 *
 * <p>Chats waiting for a thread are taken in order of arrival, except that an ordinary update (free text, which may be
 * a question to the assistant) counts as arrived {@link #ORDINARY_SLACK} later than it did: when two thousand questions
 * arrive at once, the menus pressed meanwhile are answered first instead of after all of them. Urgent and ordinary
 * updates are never taken together, so a menu's reply never waits for the questions' work in its transaction.
 */
public final class ChatWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(ChatWorkers.class);

    /** Threads handling chats; more chats wait for a thread (see {@link #chatThreads}). */
    static final int CHAT_THREADS = 32;

    /**
     * How much later than an urgent update an ordinary one (free text, maybe a question to the assistant) may be
     * taken when both wait for a thread: chats wait in order of arrival plus this for ordinary updates, so a burst of
     * questions never holds up the menus pressed meanwhile, and an ordinary update waits at most this much longer than
     * in plain arrival order however many urgent ones come.
     */
    static final Duration ORDINARY_SLACK = Duration.ofSeconds(5);

    /** How long {@link #stop} waits for threads it interrupted. */
    private static final Duration TERMINATION_GRACE = Duration.ofSeconds(5);

    /**
     * Most chats' updates handled in one transaction (when that many wait for a thread): one connection, one begin and
     * commit, one statement marking them done and one queueing their replies, instead of all of that per update.
     */
    static final int MAX_TOGETHER = 16;

    /**
     * At most this many turns waiting get a thread each, when threads are free for each: a few updates arriving at a
     * quiet bot are handled side by side, so that one slow chat holds up none of the others. More are taken
     * {@link #MAX_TOGETHER} to a thread.
     */
    static final int SIDE_BY_SIDE = 4;

    /** A chat's turn, waiting for a thread by when it is due (then in order of submission). */
    private record Turn(ChatId chatId, long dueNanos, long sequence) {

        static final Comparator<Turn> ORDER = Comparator.comparingLong(Turn::dueNanos)
                .thenComparingLong(Turn::sequence);
    }

    /**
     * @param arrivedNanos when it was submitted ({@link System#nanoTime()}), from which its turn is due
     * @param alone        to be handled by itself (it left a batch), making {@code firstRead} at once if there is one
     */
    private record Job(InboundUpdate update, Instant receivedAt, long arrivedNanos, boolean urgent, boolean alone,
                       Optional<PlatformReadScope.ReadNeeded> firstRead) {

        Job(InboundUpdate update, Instant receivedAt, long arrivedNanos, boolean urgent) {
            this(update, receivedAt, arrivedNanos, urgent, false, Optional.empty());
        }

        Job aloneWith(Optional<PlatformReadScope.ReadNeeded> read) {
            return new Job(update, receivedAt, arrivedNanos, urgent, true, read);
        }

        ChatId chatId() {
            return update.input().sender().chatId();
        }

        long dueNanos() {
            return arrivedNanos + (urgent ? 0 : ORDINARY_SLACK.toNanos());
        }
    }

    private final UpdateHandler handler;
    private final Outbox outbox;
    private final ConverseWithParent converse;
    private final OutboxRelay relay;
    private final PipelineMetrics metrics;
    private final Consumer<List<QuestionsAsked.Asked>> questionsAsked;
    private final Clock clock;
    private final WorkerSettings settings;
    private final Backoff backoff;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allIdle = lock.newCondition();
    private final Condition roomFreed = lock.newCondition();
    /** A chat is here while its thread runs; the queue holds the updates not yet taken. */
    private final Map<ChatId, ArrayDeque<Job>> lanes = new HashMap<>();
    /** Update ids queued or being handled: the bound, and what makes a second submission of an update a no-op. */
    private final Set<Long> held = new HashSet<>();
    private boolean accepting;
    /** Turns submitted so far: the order among turns due at the same instant. */
    private long turns;
    private boolean stopped;
    /** Set when {@link #stop} gave up waiting: threads leave their updates pending instead of finishing them. */
    private volatile boolean abandoned;
    private ExecutorService threads;
    /** Chats' turns waiting for a thread, earliest due first. Under the lock. */
    private final PriorityQueue<Turn> waiting = new PriorityQueue<>(Turn.ORDER);
    /**
     * Turns that the threads asked for and not yet at the queue will take between them: threads are asked for while
     * more turns wait than that, and no more. Under the lock.
     */
    private int turnsCovered;
    /** Threads asked for and not done yet (waiting for the pool or at work). Under the lock. */
    private int threadsInUse;
    private TypingIndicator typing;

    public ChatWorkers(ConverseWithParent converse, UpdateInbox inbox, Outbox outbox, TransactionRunner transactions,
                       OutboxRelay relay, PipelineMetrics metrics, Clock clock, WorkerSettings settings) {
        this(converse, inbox, outbox, transactions, relay, asked -> {
        }, metrics, clock, settings);
    }

    /**
     * @param questionsAsked takes the questions to the assistant that a handled update recorded, once committed
     */
    @Inject
    public ChatWorkers(ConverseWithParent converse, UpdateInbox inbox, Outbox outbox, TransactionRunner transactions,
                       OutboxRelay relay, Consumer<List<QuestionsAsked.Asked>> questionsAsked,
                       PipelineMetrics metrics, Clock clock, WorkerSettings settings) {
        this.questionsAsked = Objects.requireNonNull(questionsAsked, "questionsAsked");
        this.converse = Objects.requireNonNull(converse, "converse");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.handler = new UpdateHandler(converse, Objects.requireNonNull(inbox, "inbox"), this.outbox,
                Objects.requireNonNull(transactions, "transactions"), Objects.requireNonNull(clock, "clock"));
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
            threads = chatThreads();
            typing = new TypingIndicator(relay, settings);
            accepting = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Platform threads, not virtual ones: while thousands of assistant answers stream on virtual threads, a virtual
     * chat worker waited for a carrier thread behind them at every database round trip, and menus took a second. The
     * operating system schedules platform threads beside the carriers, so a menu press is handled at once. Bounded:
     * chats beyond {@value #CHAT_THREADS} at once wait for a thread (handling is short; the database pool bounds it
     * anyway); idle threads end.
     */
    private static ExecutorService chatThreads() {
        // The pool's queue holds only requests for a thread, at most one per waiting turn (see askForThreads), and
        // turns are at most one per lane, lanes never holding more than maxQueued updates together: that bounds it.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CHAT_THREADS, CHAT_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("chat-worker-", 0).daemon(true).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Queues stored updates behind the ones their chats already have; an update already queued or being handled is
     * skipped. Waits while the workers hold {@link WorkerSettings#maxQueued()} updates. Ignored once stopping: the
     * updates stay pending in the inbox for the next start.
     *
     * @param receivedAt when they were stored, from which handling latency is measured
     */
    public void submit(List<InboundUpdate> updates, Instant receivedAt) {
        lock.lock();
        try {
            for (InboundUpdate update : updates) {
                while (accepting && held.size() >= settings.maxQueued()) {
                    // The turns queued so far need their threads before this waits for them to make room.
                    askForThreads();
                    roomFreed.await();
                }
                if (!accepting) {
                    LOG.debug("Not accepting: update(s) left pending in the inbox");
                    return;
                }
                if (!held.add(update.updateId())) {
                    continue;
                }
                Job job = new Job(update, receivedAt, System.nanoTime(), urgent(update));
                ArrayDeque<Job> lane = lanes.get(job.chatId());
                if (lane == null) {
                    lane = new ArrayDeque<>();
                    lanes.put(job.chatId(), lane);
                    waiting.add(new Turn(job.chatId(), job.dueNanos(), turns++));
                }
                lane.addLast(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("Interrupted while waiting for room: update(s) left pending in the inbox");
        } finally {
            askForThreads();
            lock.unlock();
        }
    }

    /**
     * Asks the pool for the threads the waiting turns need beyond those asked for already: a thread each while at most
     * {@link #SIDE_BY_SIDE} wait, else a thread per {@link #MAX_TOGETHER}. Asking a thread per turn whatever waited,
     * as the pool's own queue did, woke up to all of them for a received batch: each took one turn before the first
     * could take more, and about one update in fourteen was handled in a transaction of its own, at about two and a
     * half times the CPU of one handled in a batch (docs/PERFORMANCE.md). Under the lock.
     */
    private void askForThreads() {
        if (threads == null || abandoned || threads.isShutdown()) {
            return;
        }
        int turnsWaiting = waiting.size();
        int most = turnsWaiting <= SIDE_BY_SIDE && turnsWaiting <= CHAT_THREADS - threadsInUse ? 1 : MAX_TOGETHER;
        while (turnsCovered < turnsWaiting) {
            turnsCovered += most;
            threadsInUse++;
            threads.execute(() -> takeTurns(most));
        }
    }

    /** Urgent unless the conversation says otherwise; a conversation that fails to say makes it urgent. */
    private boolean urgent(InboundUpdate update) {
        try {
            return converse.urgent(update.input());
        } catch (RuntimeException bug) {
            LOG.warn("Could not tell whether update {} is urgent; taking it as urgent: {}", update.updateId(),
                    Redaction.describe(bug));
            return true;
        }
    }

    /** Updates queued or being handled. */
    int heldCount() {
        lock.lock();
        try {
            return held.size();
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
            roomFreed.signalAll();
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

    /**
     * A thread's work: the earliest due turn's chat's next update and, unless that one is to be handled by itself,
     * the next updates of up to {@code most} - 1 more chats due next, handled together. Each chat then waits for its
     * next turn, if it has more. An update that left a batch is handled by itself, on a thread of its own, so that
     * several of them (each maybe waiting for a slow platform) never wait for one another.
     */
    private void takeTurns(int most) {
        try {
            handleTurns(most);
        } finally {
            lock.lock();
            try {
                threadsInUse--;
            } finally {
                lock.unlock();
            }
        }
    }

    private void handleTurns(int most) {
        List<Job> jobs = new ArrayList<>();
        lock.lock();
        try {
            turnsCovered -= most;
            Turn first = waiting.poll();
            Job head = first == null ? null : headOf(first.chatId());
            if (head == null) {
                return;
            }
            jobs.add(head);
            if (!head.alone()) {
                List<Turn> byThemselves = new ArrayList<>();
                while (jobs.size() < most && !waiting.isEmpty()) {
                    Turn turn = waiting.poll();
                    Job job = headOf(turn.chatId());
                    if (job != null && job.urgent() != head.urgent()) {
                        // Urgent and ordinary updates never share a transaction: a menu taken with questions would
                        // wait for their work before its reply could go. The turns wait in due order, urgent ones
                        // first, so the first of the other kind ends the group; it waits for a thread of its own.
                        waiting.add(turn);
                        break;
                    }
                    if (job != null && job.alone()) {
                        byThemselves.add(turn);
                    } else if (job != null) {
                        jobs.add(job);
                    }
                }
                waiting.addAll(byThemselves);
            }
        } finally {
            // Turns left (more than this thread takes, or updates to handle by themselves) get threads of their own.
            askForThreads();
            lock.unlock();
        }
        Set<Job> unfinished = Collections.newSetFromMap(new IdentityHashMap<>());
        unfinished.addAll(jobs);
        try {
            if (jobs.size() == 1) {
                process(jobs.getFirst(), jobs.getFirst().firstRead());
            } else {
                processTogether(jobs, unfinished);
            }
        } catch (RuntimeException unexpected) {
            // Nothing may end a chat's turn with updates still queued behind this one.
            LOG.error("Updates of {} chat(s) could not be processed; they stay pending until the next start",
                    unfinished.size(), Redaction.redacted(unexpected));
        } finally {
            unfinished.forEach(this::finished);
        }
    }

    /** The chat's next update; null (and the lane gone) when there is none or the workers are abandoned. Locked. */
    private Job headOf(ChatId chatId) {
        ArrayDeque<Job> lane = lanes.get(chatId);
        Job job = abandoned || lane == null ? null : lane.peekFirst();
        if (job == null) {
            release(chatId);
        }
        return job;
    }

    /**
     * Handles the jobs (each of another chat) in one transaction. What that leaves out waits for a turn of its own,
     * to be handled by itself on any thread: one slow platform read never holds up another chat's.
     */
    private void processTogether(List<Job> jobs, Set<Job> unfinished) {
        Map<Long, Job> byUpdate = new HashMap<>();
        Map<Long, ScheduledFuture<?>> typingTimers = new HashMap<>();
        for (Job job : jobs) {
            byUpdate.put(job.update().updateId(), job);
            typingTimers.put(job.update().updateId(), typing.whileBusy(job.chatId()));
        }
        UpdateHandler.Together together;
        try {
            together = handler.handleTogether(jobs.stream().map(Job::update).toList());
        } catch (RuntimeException failed) {
            // Each update on its own then, with its own retries, quarantine and apology.
            LOG.debug("{} updates could not be handled together; handling them one at a time: {}", jobs.size(),
                    Redaction.describe(failed));
            together = UpdateHandler.Together.allAlone(jobs.stream().map(Job::update).toList());
        }
        for (Map.Entry<Long, UpdateHandler.Outcome> handled : together.handled().entrySet()) {
            Job job = byUpdate.get(handled.getKey());
            typingTimers.get(handled.getKey()).cancel(false);
            delivered(job, handled.getValue());
            relay.offer(handled.getValue().replies());
            unfinished.remove(job);
            finished(job);
        }
        for (UpdateHandler.Alone alone : together.alone()) {
            Job job = byUpdate.get(alone.update().updateId());
            typingTimers.get(alone.update().updateId()).cancel(false);
            unfinished.remove(job);
            handOver(job, alone.firstRead());
        }
    }

    /** The job, out of its batch, waits for a turn of its own, first in its chat's queue as before. */
    private void handOver(Job job, Optional<PlatformReadScope.ReadNeeded> firstRead) {
        lock.lock();
        try {
            ArrayDeque<Job> lane = lanes.get(job.chatId());
            if (lane == null || lane.peekFirst() != job || abandoned) {
                finished(job);
                return;
            }
            Job alone = job.aloneWith(firstRead);
            lane.pollFirst();
            lane.addFirst(alone);
            waiting.add(new Turn(job.chatId(), alone.dueNanos(), turns++));
            askForThreads();
        } finally {
            lock.unlock();
        }
    }

    /** The job's chat is free again: its next update waits for a turn, or its lane goes. */
    private void finished(Job job) {
        lock.lock();
        try {
            held.remove(job.update().updateId());
            roomFreed.signalAll();
            ArrayDeque<Job> lane = lanes.get(job.chatId());
            if (lane != null && lane.peekFirst() == job) {
                lane.pollFirst();
            }
            Job next = lane == null || abandoned ? null : lane.peekFirst();
            if (next == null) {
                release(job.chatId());
            } else {
                waiting.add(new Turn(job.chatId(), next.dueNanos(), turns++));
                askForThreads();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes the chat's lane, forgetting the updates left in it (they stay pending in the inbox). Under the lock. */
    private void release(ChatId chatId) {
        ArrayDeque<Job> left = lanes.remove(chatId);
        if (left != null) {
            left.forEach(rest -> held.remove(rest.update().updateId()));
            roomFreed.signalAll();
        }
        if (lanes.isEmpty()) {
            allIdle.signalAll();
        }
    }

    private void process(Job job, Optional<PlatformReadScope.ReadNeeded> firstRead) {
        ScheduledFuture<?> typingTimer = typing.whileBusy(job.chatId());
        try {
            handleWithRetries(job, firstRead, typingTimer).ifPresent(relay::offer);
        } finally {
            typingTimer.cancel(false);
        }
    }

    private void delivered(Job job, UpdateHandler.Outcome outcome) {
        if (outcome.handledNow()) {
            metrics.updateProcessed(Duration.between(job.receivedAt(), clock.instant()), job.urgent());
        }
        if (!outcome.asked().isEmpty()) {
            questionsAsked.accept(outcome.asked());
        }
    }

    /** @return the replies to send, or empty if the update was left pending (the workers are being abandoned) */
    private Optional<List<QueuedMessage>> handleWithRetries(Job job, Optional<PlatformReadScope.ReadNeeded> firstRead,
                                                            ScheduledFuture<?> typingTimer) {
        for (int attempt = 1; ; attempt++) {
            try {
                UpdateHandler.Outcome outcome = handler.handle(job.update(), attempt == 1 ? firstRead : Optional.empty());
                if (!outcome.handledNow()) {
                    // Handled before: its replies still pending are read again, guarded against one sent meanwhile.
                    relay.offerPending(() -> outbox.pendingReplies(job.update().updateId()));
                }
                delivered(job, outcome);
                return Optional.of(outcome.replies());
            } catch (StorageException e) {
                // A chat that waits to retry shows nothing: "typing…" would promise an answer that is not coming.
                typingTimer.cancel(false);
                if (abandoned) {
                    return Optional.empty();
                }
                if (!e.transientFailure()) {
                    LOG.error("Update {} in chat {} failed permanently in storage ({}); setting it aside",
                            job.update().updateId(), job.chatId(), e.getMessage());
                    return quarantine(job, "permanent storage failure: " + e.getMessage());
                }
                if (attempt >= settings.maxAttempts()) {
                    LOG.error("Update {} in chat {} failed in storage {} times ({}); setting it aside",
                            job.update().updateId(), job.chatId(), attempt, e.getMessage());
                    return quarantine(job, "storage failed " + attempt + " times: " + e.getMessage());
                }
                if (!pauseAfter(e, job, attempt)) {
                    return Optional.empty();
                }
            } catch (RuntimeException bug) {
                typingTimer.cancel(false);
                if (abandoned) {
                    return Optional.empty();
                }
                LOG.error("Update {} in chat {} failed with a bug; setting it aside with an apology",
                        job.update().updateId(), job.chatId(), Redaction.redacted(bug));
                metrics.updateFailed();
                return quarantine(job, Redaction.describe(bug));
            }
        }
    }

    /** Sets the update aside with an apology; bounded like handling. Empty when even that could not be stored. */
    private Optional<List<QueuedMessage>> quarantine(Job job, String reason) {
        metrics.updateQuarantined("handle");
        boolean apologize = true;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                return Optional.of(handler.quarantine(job.update(), reason, apologize));
            } catch (StorageException e) {
                if (!e.transientFailure() && apologize) {
                    apologize = false;
                } else if (!e.transientFailure() || attempt == settings.maxAttempts() || !pauseAfter(e, job, attempt)) {
                    break;
                }
            } catch (RuntimeException apologyBug) {
                if (!apologize) {
                    break;
                }
                LOG.error("The apology for update {} in chat {} failed; setting it aside without one",
                        job.update().updateId(), job.chatId(), Redaction.redacted(apologyBug));
                apologize = false;
            }
        }
        LOG.error("Could not set update {} in chat {} aside; it stays pending until the next start",
                job.update().updateId(), job.chatId());
        return Optional.empty();
    }

    /**
     * Waits before the next attempt after a transient storage failure.
     *
     * @return false if the workers are being abandoned and the update should be left pending
     */
    private boolean pauseAfter(StorageException failure, Job job, int attempt) {
        if (abandoned) {
            return false;
        }
        Duration delay = backoff.after(attempt);
        LOG.warn("Storage failed on update {} in chat {} (attempt {} of {}): {}; trying again in {}",
                job.update().updateId(), job.chatId(), attempt, settings.maxAttempts(), failure.getMessage(), delay);
        try {
            Thread.sleep(delay);
            return !abandoned;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
