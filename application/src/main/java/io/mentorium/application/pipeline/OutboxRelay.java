package io.mentorium.application.pipeline;

import io.mentorium.application.pipeline.ChatMailbox.Slot;
import io.mentorium.application.pipeline.DeliveryBook.Next;
import io.mentorium.application.port.in.RecordUnreachableChat;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.SendBudget;
import io.mentorium.application.port.out.PipelineMetrics;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.ChatId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds through the {@link Messenger}: in id order within a chat with one message in flight per
 * chat, paced per chat and globally, retrying what Telegram asks to retry, and recording each outcome in the outbox.
 *
 * <p>One dispatcher thread decides what goes next and waits (never spins) until the earliest moment something may go;
 * each send runs on a platform thread of its own pool, at most {@link RelaySettings#maxInFlight()} at a time (not on
 * virtual threads: a reply must not wait for a carrier behind thousands of streaming answers). Everything the relay
 * holds in memory is also pending in the outbox, so dropping it (a crash, {@link #stop()}) loses nothing: the next
 * {@link #start()} resumes it.
 *
 * <p>Rows nobody offers — queued by another process such as the scheduler — are found by a pick-up thread that claims
 * pending rows every {@link RelaySettings#pickUpInterval()} and offers them in the background lane. Several relays
 * (the bot and any number of schedulers) share one outbox: a relay sends only rows it holds a live lease on as its
 * {@link Outbox.Owner} (claimed from the table with {@code SKIP LOCKED}, or claimed when its own process enqueued them),
 * renews the leases every third of their length, stops sending once it could not renew them for two thirds of it, and
 * lets go of what it holds when it stops; a dead relay's rows are claimed by another once their leases run out. All
 * relays draw their send permits from one {@link SendBudget}, a block at a time per one-second window (and a block
 * for replies beside a background one still out) and the next block before the last runs out, where the background
 * lanes leave to replies people wait for the part of a {@link ReplyReserve} still ahead in the window.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** How many of the ids the relay sent and had marked last it remembers (see {@link #recentlyMarked}). */
    static final int RECENTLY_MARKED = 65_536;

    /** When replies and background messages both wait, one slot in this many goes to the background. */
    static final int BACKGROUND_SHARE = 4;

    /**
     * Every this many passes the pick-up also takes back rows its owner holds but the relay does not (five minutes at
     * the default interval).
     */
    static final int FULL_SWEEP_PASSES = 150;

    /**
     * How many global slots the dispatcher lets accrue, when several chats wait for them, before it wakes to send them
     * together (never more than the gate's burst): at 1,000 messages a second, a wake-up every few milliseconds instead
     * of every one, for at most that much more latency, and only while the global rate binds.
     */
    static final int SLOTS_TOGETHER = 8;

    /**
     * How far ahead a sender that just finished takes the next message for a global slot and waits for it itself (see
     * {@link #slotSoon}): {@link #SENDER_SLOTS_TOGETHER} slots at a thousand a second, none at Telegram's default pace.
     */
    static final Duration SLOT_WAIT = Duration.ofMillis(5);

    /**
     * How many global slots a sender waiting for the pace lets accrue before it sends again, when as many chats wait:
     * it then sends them one after another without sleeping in between, a sleep per few messages instead of one per
     * message, for at most a few milliseconds more latency, and only while the global rate binds (never more than the
     * gate's burst, so the average rate and any second's limit are unchanged).
     */
    static final int SENDER_SLOTS_TOGETHER = 4;

    /** The longest the dispatcher waits without reading the clock again, so that a clock jump is noticed. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(1);

    /** How often a relay whose leases are stale looks again whether they were renewed. */
    private static final Duration LEASE_RECHECK = Duration.ofMillis(100);
    /** From this far into a window the next window's stock is drawn ahead (a busy database answers in far less). */
    private static final int DRAW_AHEAD_FROM_NANO = 800_000_000;

    private enum State { NEW, RUNNING, STOPPED }

    private record Wakeup(Instant due, ChatMailbox mailbox, long ticket) {
    }

    /** A message taken for sending, with what its send needs. */
    private record Dispatched(ChatMailbox mailbox, QueuedMessage message, boolean scheduled, boolean reply,
                              Optional<CompletableFuture<Messenger.Prepared>> drawn, Instant at) {
    }

    /** What a pick-up did with a page: the first {@code handled} rows are dealt with, {@code offered} of them new. */
    private record Taken(int handled, int offered) {
    }

    private final Outbox outbox;
    private final Messenger messenger;
    private final PipelineMetrics metrics;
    private final Clock clock;
    private final RelaySettings settings;
    private final DeliveryBook book;
    private final SentMarks marks;
    private final ChartsAhead chartsAhead;
    private final Messenger typingMessenger;
    private final Outbox.Owner owner;
    private final SendBudget budget;
    /** How far reply and background draws may fill each window of the shared budget (see the class comment). */
    private final ReplyReserve reserve;
    /** Permits drawn from the shared budget at a time. */
    private final int permitBlock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workChanged = lock.newCondition();
    private final Condition messageSettled = lock.newCondition();
    /** Signalled when room frees up below {@link RelaySettings#maxQueued()}. */
    private final Condition roomFreed = lock.newCondition();
    /** Signalled by {@link #stop()} so that the pick-up thread does not sleep out its interval. */
    private final Condition pickUpWake = lock.newCondition();
    private final Map<ChatId, ChatMailbox> chats = new HashMap<>();
    private final ArrayDeque<ChatMailbox> readyPaced = new ArrayDeque<>();
    /** Chats whose next paced message was offered as background: served after {@link #readyPaced}. */
    private final ArrayDeque<ChatMailbox> readyBackground = new ArrayDeque<>();
    /** Ids of outstanding messages offered as background. */
    private final Set<Long> background = new HashSet<>();
    /** Ids of outstanding messages claimed from the table (scheduled, nobody waits on them): sent as such. */
    private final Set<Long> claimedFromTable = new HashSet<>();
    /** Paced dispatches since a background one, while replies were waiting too. */
    private int foregroundRun;
    private final ArrayDeque<ChatMailbox> readyUnpaced = new ArrayDeque<>();
    private final PriorityQueue<Wakeup> timed = new PriorityQueue<>(Comparator.comparing(Wakeup::due));
    /**
     * Chats emptied before their pace recovered, by when it will have: kept so that a chat refilled meanwhile does not
     * burst anew, and forgotten whenever the dispatcher is awake anyway (at least every {@link #MAX_IDLE}), never woken
     * for. In {@link #timed} they woke the dispatcher once per message sent, only to forget a chat: most of its
     * wake-ups under load (docs/PERFORMANCE.md, 2026-12-05).
     */
    private final PriorityQueue<Wakeup> resting = new PriorityQueue<>(Comparator.comparing(Wakeup::due));
    /** Ids queued or in flight: what {@link #flush} waits for, and what makes a second offer of a message a no-op. */
    private final NavigableSet<Long> outstanding = new TreeSet<>();
    /**
     * The ids the relay sent and had marked last, oldest first: an offer of one of them comes late and is not taken (a
     * message given up, whose row may stay pending when its mark fails, is still taken again). A chat worker offers its
     * replies just after its transaction commits; if its thread stalls there, the pick-up can find the committed rows
     * first, send them and have them marked, and the late offer then found them no longer outstanding and sent them
     * again (seen under CPU load in {@code UpdatePipelineTest}). Outbox ids are never reused, so remembering the last
     * {@link #RECENTLY_MARKED} ids (about a minute at Telegram's ceiling for a bot) closes that window for any stall
     * shorter than that. Under the lock.
     */
    private final Set<Long> recentlyMarked = new LinkedHashSet<>();
    private final RateGate global;
    private int sending;
    /**
     * When the dispatcher's wait ends by itself (Instant.MAX while it is not waiting): a change that makes nothing due
     * before then needs no signal. Under the lock.
     */
    private Instant dispatcherWakesAt = Instant.MAX;
    /** Messages a sender took for a slot still ahead and waited for itself (see {@link #slotSoon}); for tests. */
    private long slotsWaitedFor;
    /**
     * Until when a sender waits for the global slots it took a message for (see {@link #slotSoon}): while one does, no
     * other sender waits too. Under the lock.
     */
    private Instant senderWaitsUntil = Instant.MIN;
    /** Telegram's flood control is per bot: after a 429, nothing is sent before this instant. */
    private Instant pausedUntil = Instant.MIN;
    private State state = State.NEW;
    private Thread dispatcher;
    private ExecutorService senders;
    private Thread pickUp;
    /**
     * For each read of pending rows under way (a pick-up page, a chat's replies read again), the ids the relay finishes
     * with meanwhile (marked sent, given up): such a row may still be pending in what was read just before its mark was
     * written, and must not be offered again. Under the lock.
     */
    private final List<Set<Long>> settledWhileReading = new ArrayList<>();
    /** The pick-up's own read under way, one of {@link #settledWhileReading}; null between reads. Under the lock. */
    private Set<Long> pickUpRead;
    /** Pick-up thread only. */
    private long passes;
    /** Pick-up passes finished, and how many rows the last one offered (-1: it failed). Under the lock. */
    private long passesDone;
    private int lastPassOffered;
    /** Set by {@link #drain}: the next pick-up pass starts now and sweeps everything claimable. Under the lock. */
    private boolean pickUpNow;
    private boolean sweepNext;
    /** System.nanoTime() when the last successful claim or renewal began: leases hold from then on. */
    private volatile long leaseRenewedNanos;
    private Thread leaseKeeper;
    /** Send permits of the one-second window {@link #permitSecond} left to this relay. Under the lock. */
    private long permitSecond = Long.MIN_VALUE;
    private int permits;
    /** The window in which the shared budget had no more permits even for a reply. */
    private long fullSecond = Long.MIN_VALUE;
    /** Before this instant a background draw would find the budget as short as the last one did. */
    private Instant backgroundShortUntil = Instant.MIN;
    /**
     * A draw from the shared budget under way, for replies or for the background (a draw ahead among them): at most
     * one of each, so that a reply never waits for a background draw to return. Under the lock.
     */
    private boolean drawingForReplies;
    private boolean drawingBackground;
    /** Permits drawn before their window began, for the window {@link #aheadSecond}. Under the lock. */
    private long aheadSecond = Long.MIN_VALUE;
    private int aheadPermits;
    /** The window a draw ahead was last asked for, so that one is asked for at most once. Under the lock. */
    private long aheadAskedFor = Long.MIN_VALUE;
    /** Paced sends started in each tenth of the last second, {@link #lastTenth} the newest. Under the lock. */
    private final int[] pacedSendsPerTenth = new int[10];
    private long lastTenth = Long.MIN_VALUE;

    /** A relay alone on its outbox: its own rate, rows claimed under a fresh owner id. */
    public OutboxRelay(Outbox outbox, Messenger messenger, RecordUnreachableChat unreachable, PipelineMetrics metrics,
                       Clock clock, RelaySettings settings) {
        this(outbox, messenger, unreachable, metrics, clock, settings, Outbox.Owner.instance("relay"),
                SendBudget.local());
    }

    @Inject
    public OutboxRelay(Outbox outbox, Messenger messenger, RecordUnreachableChat unreachable, PipelineMetrics metrics,
                       Clock clock, RelaySettings settings, Outbox.Owner owner, SendBudget budget) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.reserve = new ReplyReserve(settings.globalPerSecond());
        this.permitBlock = Math.max(1, settings.globalPerSecond() / 5);
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.marks = new SentMarks(outbox, clock, settings.backoff(), this::marked);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.book = new DeliveryBook(outbox, Objects.requireNonNull(unreachable, "unreachable"), metrics, clock,
                settings, marks);
        this.typingMessenger = messenger;
        this.chartsAhead = ChartsAhead.forRate(messenger, settings.globalPerSecond());
        this.global = RateGate.perSecond(settings.globalPerSecond());
    }

    /** Starts sending, and claiming the pending outbox rows page by page (see {@link #pickUpPass}). Call once. */
    public void start() {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("the relay was started before");
            }
        } finally {
            lock.unlock();
        }
        senders = senderThreads();
        lock.lock();
        try {
            state = State.RUNNING;
            dispatcher = Thread.ofPlatform().name("outbox-dispatcher").daemon(true).start(this::dispatchLoop);
        } finally {
            lock.unlock();
        }
        marks.start();
        // The backlog found at start — this owner's rows from before a restart included — is claimed by pick-up
        // passes, as much as the relay has room for, never all of it here: a start that waited for 60,000 queued
        // reports to fit would keep the bot from polling (and answering) for minutes. This first pass runs now, so a
        // small backlog is under way when start returns; later passes sweep this owner's rows until none is left.
        // All of it goes in the background lane, so a report backlog never queues ahead of the replies to people
        // writing now.
        int resumed;
        try {
            leaseRenewedNanos = System.nanoTime();
            resumed = pickUpPass();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        lock.lock();
        try {
            if (state == State.RUNNING) {
                pickUp = Thread.ofVirtual().name("outbox-pick-up").start(this::pickUpLoop);
                leaseKeeper = Thread.ofVirtual().name("outbox-leases").start(this::leaseLoop);
            }
        } finally {
            lock.unlock();
        }
        LOG.info("Outbox relay {} started: {} pending message(s) resumed (more are claimed as room frees up), {} paced "
                + "message(s)/s at most over all processes ({} of them for replies), pending rows claimed every {}",
                owner.id(), resumed, settings.globalPerSecond(), reserve.reserve(), settings.pickUpInterval());
    }

    /**
     * Queues messages just committed to the outbox. Ignored once stopped: they stay pending in the outbox for the next
     * start. Offering a message already queued changes nothing. While the relay holds {@link RelaySettings#maxQueued()}
     * messages the caller waits for room: that is how a slow Telegram slows the chat workers, and through them the
     * receiving, instead of filling the memory.
     */
    public void offer(List<QueuedMessage> messages) {
        offer(messages, false);
    }

    /**
     * Queues messages that may wait behind the replies people are waiting for: an assistant's finished answers,
     * which arrive in bursts of hundreds when many answers end together. When both kinds wait for the global rate,
     * replies go first and background messages get every {@value #BACKGROUND_SHARE}th slot, so neither starves.
     */
    public void offerBackground(List<QueuedMessage> messages) {
        offer(messages, true);
    }

    /**
     * What a relay that never enqueues itself (a scheduler's) resumes at start: rows nobody waits on, sent in the
     * background lane and as scheduled messages.
     */
    private void offerScheduled(List<QueuedMessage> messages) {
        offer(messages, true, true);
    }

    private void offer(List<QueuedMessage> messages, boolean inBackground) {
        offer(messages, inBackground, false);
    }

    private void offer(List<QueuedMessage> messages, boolean inBackground, boolean scheduled) {
        offer(messages, inBackground, scheduled, Set.of());
    }

    /** @param settled ids not to take (finished with while they were read), checked as each is taken */
    private void offer(List<QueuedMessage> messages, boolean inBackground, boolean scheduled, Set<Long> settled) {
        if (messages.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (QueuedMessage message : messages) {
                while (state != State.STOPPED && outstanding.size() >= settings.maxQueued()
                        && !outstanding.contains(message.id())) {
                    // What this offer queued so far must not wait for the dispatcher's next wake-up meanwhile.
                    wakeDispatcherIfDue(clock.instant());
                    roomFreed.await();
                }
                if (state == State.STOPPED) {
                    LOG.debug("Relay stopped: message(s) left pending in the outbox");
                    return;
                }
                if (settled.contains(message.id()) || recentlyMarked.contains(message.id())) {
                    continue;
                }
                if (queue(message, inBackground, clock.instant()) && scheduled) {
                    claimedFromTable.add(message.id());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("Interrupted while waiting for room: message(s) left pending in the outbox");
        } finally {
            wakeDispatcherIfDue(clock.instant());
            lock.unlock();
        }
    }

    /**
     * Takes one offered message into its chat's mailbox, unless it is outstanding already. Under the lock; the caller
     * wakes the dispatcher once for all it queued, and only if one of them may go before the dispatcher would wake
     * anyway: a signal per message woke it for every batch of replies offered while it waited for the global pace's
     * next slots, only to wait again.
     *
     * @return whether it was new
     */
    private boolean queue(QueuedMessage offered, boolean inBackground, Instant now) {
        if (outstanding.add(offered.id())) {
            if (inBackground) {
                background.add(offered.id());
            }
            // Due from when it is handed over at the earliest: its row's time is when its transaction queued it, which
            // may be that transaction's whole length before its commit, so a send's delay counted from there would
            // count the handling twice (it is in the handling time already).
            QueuedMessage message = offered.notBefore().isBefore(now)
                    ? new QueuedMessage(offered.id(), offered.message(), offered.attempts(), now) : offered;
            ChatMailbox mailbox = chats.computeIfAbsent(message.message().chatId(),
                    chat -> new ChatMailbox(chat, settings.perChatInterval(), settings.perChatBurst()));
            insertInIdOrder(mailbox, message);
            chartsAhead.queued(message);
            schedule(mailbox, now);
            return true;
        } else if (!inBackground && background.remove(offered.id())) {
            claimedFromTable.remove(offered.id());
            // A reply the pick-up found between its commit and its chat worker's offer: it goes in the reply lane.
            ChatMailbox mailbox = chats.get(offered.message().chatId());
            if (mailbox != null && mailbox.slot == Slot.READY && mailbox.queue.getFirst().id() == offered.id()
                    && readyBackground.remove(mailbox)) {
                readyPaced.addLast(mailbox);
            }
        }
        return false;
    }

    /**
     * Platform threads, like the chat workers': a reply must not wait for a carrier thread behind thousands of
     * assistant answers streaming on virtual threads. The relay's own count ({@code sending}, at most maxInFlight sends
     * and typing) plus one permit draw bounds the tasks running at once, so nothing waits for a thread and the pool
     * needs no bound of its own. A send that still starts late moves its chat's pace by as much (see send).
     *
     * <p>An idle thread is handed the next task, the most recently idle first, and a thread is added only when none is
     * idle: the threads in use follow the sends actually in flight (a handful at a thousand a second to a nearby
     * server). A fixed pool over a FIFO queue started all of its threads under any steady load and rotated the work
     * over them, each send waking the coldest thread and the HTTP client's pool growing a connection per thread — what
     * the senders then queued on, on a saturated 2-core machine (docs/PERFORMANCE.md). Idle threads end after 30 s.
     */
    static ExecutorService senderThreads() {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("outbox-sender-", 0).daemon(true).factory());
    }

    /**
     * Shows "typing…" in a chat if the global send budget has room for it right now and Telegram has not asked to
     * wait; otherwise skips it (it is only a courtesy, never worth delaying a real message for).
     *
     * @return whether it was sent off
     */
    public boolean tryShowTyping(ChatId chatId) {
        lock.lock();
        try {
            Instant now = clock.instant();
            // Typing and previews are the bot's alone, paced by its own gate and not drawn from the shared budget:
            // a round trip would cost more than they are worth, and the replies' reserve leaves room for them. They
            // take only slots on the steady pace (see trySendAside).
            if (state != State.RUNNING || now.isBefore(pausedUntil) || sending >= settings.maxInFlight()
                    || !global.onPace(now)) {
                return false;
            }
            global.take(now);
            sending++;
        } finally {
            lock.unlock();
        }
        try {
            senders.execute(() -> {
                try {
                    typingMessenger.showTyping(chatId);
                } catch (RuntimeException e) {
                    LOG.debug("Could not show typing in chat {}", chatId, e);
                } finally {
                    lock.lock();
                    try {
                        sending--;
                        workChanged.signal();
                    } finally {
                        lock.unlock();
                    }
                }
            });
        } catch (RuntimeException rejected) {
            lock.lock();
            try {
                sending--;
            } finally {
                lock.unlock();
            }
            return false;
        }
        return true;
    }

    /**
     * Makes one send that is not in the outbox (a streamed draft, an edit of a preview) on the caller's thread, if the
     * global budget has room for it right now and Telegram has not asked to wait; otherwise skips it. Such sends are
     * previews, never worth delaying a real message for; a 429 they meet pauses all sending like any other.
     *
     * <p>So a preview is skipped while a message of the outbox is ready and waiting for its turn at the global pace,
     * and it never takes the last {@link #previewHeadroom} of the send slots. Thousands of answers streaming at once
     * ask for a preview slot far more often than the dispatcher asks for one: without this they took the global pace's
     * slots as they came free, and menu replies waited up to a second behind them. Nor does a preview take the gate's
     * catch-up (its burst): only a slot on the steady pace. Previews asked for all the time kept that burst spent, so
     * a burst of replies committed together (the menus pressed while a wave of questions is taken in) went out one
     * slot at a time, the last of fifty 50 ms after the first.
     *
     * @return the result, or empty when skipped
     */
    public Optional<SendResult> trySendAside(Supplier<SendResult> send) {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (state != State.RUNNING || now.isBefore(pausedUntil)
                    || sending >= settings.maxInFlight() - previewHeadroom()
                    || !readyPaced.isEmpty() || !readyUnpaced.isEmpty() || !global.onPace(now)) {
                return Optional.empty();
            }
            global.take(now);
            sending++;
        } finally {
            lock.unlock();
        }
        try {
            SendResult result = send.get();
            if (result instanceof SendResult.RetryAfter retry) {
                pauseAll(retry.delay());
            }
            return Optional.of(result);
        } catch (RuntimeException e) {
            LOG.debug("A send aside the outbox failed", e);
            return Optional.of(new SendResult.Failed(e.getClass().getSimpleName(), true));
        } finally {
            lock.lock();
            try {
                sending--;
                workChanged.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Send slots previews leave to the outbox's messages: a quarter, rounded down (none below four slots). */
    int previewHeadroom() {
        return settings.maxInFlight() / 4;
    }

    /**
     * Waits until every message queued before this call is sent or given up.
     *
     * @return false if the timeout came first (or the relay is not running), true if all of them are finished with
     */
    public boolean flush(Duration timeout) {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            if (outstanding.isEmpty()) {
                return true;
            }
            long mark = outstanding.last();
            while (!outstanding.isEmpty() && outstanding.first() <= mark) {
                if (remaining <= 0 || state != State.RUNNING) {
                    return false;
                }
                remaining = messageSettled.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops sending: nothing new is dispatched, sends already running get {@link RelaySettings#stopGrace()} to finish
     * and record their outcome. What is still queued stays pending in the outbox.
     */
    public void stop() {
        lock.lock();
        try {
            if (state == State.STOPPED) {
                return;
            }
            state = State.STOPPED;
            workChanged.signalAll();
            messageSettled.signalAll();
            roomFreed.signalAll();
            pickUpWake.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (leaseKeeper != null) {
                leaseKeeper.interrupt();
                leaseKeeper.join(settings.stopGrace());
            }
            if (dispatcher != null) {
                dispatcher.join(settings.stopGrace());
            }
            // A pick-up pass ends at its next page; one stuck in a slow read is interrupted (it offers nothing then).
            if (pickUp != null && !pickUp.join(settings.stopGrace())) {
                pickUp.interrupt();
                pickUp.join(settings.stopGrace());
            }
            if (senders != null) {
                senders.shutdown();
                if (!senders.awaitTermination(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("Sends still running after {}: interrupting them", settings.stopGrace());
                    senders.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (senders != null) {
                senders.shutdownNow();
            }
        }
        chartsAhead.stop();
        marks.stop(settings.stopGrace());
        int released = 0;
        if (leaseKeeper != null) {
            try {
                // Others need not wait out the leases: what this relay holds is claimable at once.
                released = outbox.releaseClaims(owner.id());
            } catch (RuntimeException e) {
                LOG.warn("Could not release the claimed outbox rows; others take them when the leases run out: {}",
                        e.getMessage());
            }
        }
        LOG.info("Outbox relay stopped; {} message(s) left pending in the outbox, {} claim(s) released",
                outstandingCount(), released);
    }

    /** Messages queued or in flight. */
    int outstandingCount() {
        lock.lock();
        try {
            return outstanding.size();
        } finally {
            lock.unlock();
        }
    }

    /** Pick-up passes finished so far. */
    long pickUpPasses() {
        lock.lock();
        try {
            return passesDone;
        } finally {
            lock.unlock();
        }
    }

    boolean terminated() {
        return (dispatcher == null || !dispatcher.isAlive()) && (senders == null || senders.isTerminated())
                && (pickUp == null || !pickUp.isAlive()) && (leaseKeeper == null || !leaseKeeper.isAlive());
    }

    private void pickUpLoop() {
        while (awaitNextPickUp()) {
            int offered = -1;
            try {
                offered = pickUpPass();
            } catch (StorageException e) {
                LOG.warn("Could not claim pending outbox rows: {}; trying again in {}", e.getMessage(),
                        settings.pickUpInterval());
            } catch (RuntimeException e) {
                LOG.error("A pick-up of pending outbox rows failed; trying again in {}", settings.pickUpInterval(), e);
            }
            lock.lock();
            try {
                passesDone++;
                lastPassOffered = offered;
                messageSettled.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return false once the relay stops */
    private boolean awaitNextPickUp() {
        lock.lock();
        try {
            long nanos = settings.pickUpInterval().toNanos();
            while (state == State.RUNNING && nanos > 0 && !pickUpNow) {
                nanos = pickUpWake.awaitNanos(nanos);
            }
            pickUpNow = false;
            return state == State.RUNNING;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Claims pending rows page by page and offers them in the background lane, until none is left or the relay holds
     * half of {@link RelaySettings#maxQueued()} (the other half is the chat workers', so the pick-up never makes a
     * chat worker wait behind scheduled messages); the rest is claimed by later passes. A pass needs no keyset across
     * passes: rows this relay holds stay leased to it, so a claim never returns them, and a row committed late (its
     * id drawn before rows already claimed) is simply claimable from its commit on.
     *
     * <p>Every {@value #FULL_SWEEP_PASSES} passes (five minutes at the default interval) a pass also takes back the
     * rows this owner holds but the relay does not (a give-up that could not be written, a row deferred past the
     * start's horizon): the lease renewal keeps them from everyone else, so only this owner can send them.
     *
     * @return how many rows this pass offered
     */
    private int pickUpPass() {
        boolean fullSweep;
        lock.lock();
        try {
            fullSweep = passes++ % FULL_SWEEP_PASSES == 0 || sweepNext;
            sweepNext = false;
        } finally {
            lock.unlock();
        }
        long after = Long.MIN_VALUE;
        int offered = 0;
        boolean roomRanOut = false;
        while (true) {
            int room = roomForPickUp();
            if (room <= 0) {
                roomRanOut = true;
                break;
            }
            int limit = Math.min(KeysetPages.PAGE_SIZE, room);
            Instant now = clock.instant();
            beginRead();
            List<QueuedMessage> page;
            try {
                page = outbox.claim(owner.id(), after, limit, now, now.plus(settings.pickUpInterval()),
                        now.plus(owner.lease()), fullSweep);
            } catch (RuntimeException e) {
                endRead();
                throw e;
            }
            Taken taken = offerPickedUp(page);
            offered += taken.offered();
            if (taken.handled() < page.size()) {
                release(page.subList(taken.handled(), page.size()));
                roomRanOut = true;
                break;
            }
            if (page.size() < limit) {
                break;
            }
            after = page.getLast().id();
        }
        if (fullSweep && roomRanOut) {
            // This owner's rows may not all have fitted (a restart's backlog): sweep again next pass.
            lock.lock();
            try {
                sweepNext = true;
            } finally {
                lock.unlock();
            }
        }
        if (offered > 0) {
            LOG.info("Claimed {} pending outbox message(s) nobody offered{}", offered, fullSweep ? " (full sweep)" : "");
        }
        return offered;
    }

    private int roomForPickUp() {
        lock.lock();
        try {
            return Math.max(1, settings.maxQueued() / 2) - outstanding.size();
        } finally {
            lock.unlock();
        }
    }

    /** Lets go of claimed rows the relay did not take; should that fail, their leases run out (or a sweep takes them). */
    private void release(List<QueuedMessage> claimed) {
        try {
            outbox.releaseClaims(owner.id(), claimed.stream().map(QueuedMessage::id).toList());
        } catch (RuntimeException e) {
            LOG.warn("Could not release {} claimed outbox row(s): {}", claimed.size(), e.getMessage());
        }
    }

    /**
     * Waits until the outbox holds no pending row due now, whoever queued or holds it: this relay sends what it can
     * claim, rows a live process holds are sent by it, and rows a dead process held become claimable here when their
     * leases run out. Rows deferred beyond the pick-up interval (quiet hours) are not waited for. For a process that
     * queues work and must see it delivered before it exits.
     *
     * @return false if the timeout came first or the relay stopped
     */
    public boolean drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!awaitIdlePass(deadline)) {
                return false;
            }
            try {
                if (outbox.countPendingDue(clock.instant()) == 0) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not count the pending outbox rows: {}", e.getMessage());
            }
            if (!awaitPickUpInterval(deadline)) {
                return false;
            }
        }
    }

    /**
     * Claims this owner's pending rows that nobody offered at once, in a pass swept in full: for rows this process
     * queued off any chat's turn without offering them (an announcement queued page by page), which its own claim on
     * insert keeps from every other process, and which would otherwise wait for the next full sweep.
     */
    public void sweepSoon() {
        lock.lock();
        try {
            sweepNext = true;
            pickUpNow = true;
            pickUpWake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a pick-up pass, swept in full, that offered nothing while the relay held nothing. */
    private boolean awaitIdlePass(long deadline) {
        lock.lock();
        try {
            while (true) {
                while (!outstanding.isEmpty()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || state != State.RUNNING) {
                        return false;
                    }
                    messageSettled.awaitNanos(remaining);
                }
                long target = passesDone + 1;
                sweepNext = true;
                pickUpNow = true;
                pickUpWake.signalAll();
                while (passesDone < target) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || state != State.RUNNING) {
                        return false;
                    }
                    messageSettled.awaitNanos(remaining);
                }
                if (lastPassOffered == 0 && outstanding.isEmpty()) {
                    return true;
                }
                if (lastPassOffered < 0 && !awaitInterval(deadline)) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private boolean awaitPickUpInterval(long deadline) {
        lock.lock();
        try {
            return awaitInterval(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: one pick-up interval, or less to the deadline; false once past it or stopped. */
    private boolean awaitInterval(long deadline) throws InterruptedException {
        long nanos = Math.min(deadline - System.nanoTime(), settings.pickUpInterval().toNanos());
        while (nanos > 0 && state == State.RUNNING) {
            // Not workChanged: its single signals are the dispatcher's.
            nanos = pickUpWake.awaitNanos(nanos);
        }
        return state == State.RUNNING && deadline - System.nanoTime() > 0;
    }

    /** Renews the leases of every row this owner holds, every third of their length, until the relay stops. */
    private void leaseLoop() {
        Duration every = owner.lease().dividedBy(3);
        while (true) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            long began = System.nanoTime();
            try {
                outbox.renewClaims(owner.id(), clock.instant().plus(owner.lease()));
                leaseRenewedNanos = began;
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the leases of claimed outbox rows: {}; sending stops if this lasts {}",
                        e.getMessage(), owner.lease().multipliedBy(2).dividedBy(3));
            }
        }
    }

    /**
     * Whether this relay's leases surely still hold: renewed less than two thirds of a lease ago (measured on the
     * monotonic clock, so a test clock or a clock jump cannot stretch it). The last third is the margin for clock
     * skew between processes and for the send under way.
     */
    private boolean leaseHeld() {
        return System.nanoTime() - leaseRenewedNanos < owner.lease().toNanos() * 2 / 3;
    }

    private void beginRead() {
        lock.lock();
        try {
            pickUpRead = beginReading();
        } finally {
            lock.unlock();
        }
    }

    private void endRead() {
        lock.lock();
        try {
            forgetPickUpRead();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the pick-up's read is over, what is settled from now on need not be noted for it. */
    private void forgetPickUpRead() {
        settledWhileReading.remove(pickUpRead);
        pickUpRead = null;
    }

    /** Under the lock: from now on, what the relay finishes with is noted for a read about to start. */
    private Set<Long> beginReading() {
        Set<Long> settled = new HashSet<>();
        settledWhileReading.add(settled);
        return settled;
    }

    /**
     * Offers, as replies, what {@code read} finds still pending: the replies of an update handled before (a redelivery,
     * or a commit whose acknowledgement was lost). A reply the relay finished with while they were read — sent, its row
     * not marked yet when read — is not offered again: offered, it would be sent twice.
     */
    public void offerPending(Supplier<List<QueuedMessage>> read) {
        Set<Long> settled;
        lock.lock();
        try {
            settled = beginReading();
        } finally {
            lock.unlock();
        }
        try {
            offer(read.get(), false, false, settled);
        } finally {
            lock.lock();
            try {
                settledWhileReading.remove(settled);
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Offers the rows of a page the relay does not hold, in id order, until it holds half of its bound or stops.
     *
     * @return how many rows of the page were dealt with (a prefix), and how many of them were offered
     */
    private Taken offerPickedUp(List<QueuedMessage> page) {
        int room = Math.max(1, settings.maxQueued() / 2);
        int handled = 0;
        int offered = 0;
        lock.lock();
        try {
            Instant now = clock.instant();
            for (QueuedMessage message : page) {
                if (state != State.RUNNING) {
                    break;
                }
                if (!outstanding.contains(message.id()) && !pickUpRead.contains(message.id())
                        && !recentlyMarked.contains(message.id())) {
                    if (outstanding.size() >= room) {
                        break;
                    }
                    queue(message, true, now);
                    claimedFromTable.add(message.id());
                    offered++;
                }
                handled++;
            }
            forgetPickUpRead();
            wakeDispatcherIfDue(now);
        } finally {
            lock.unlock();
        }
        return new Taken(handled, offered);
    }

    private void dispatchLoop() {
        lock.lock();
        try {
            // Once the dispatcher hands a message over, it hands over everything that may go before it sleeps again.
            boolean handingOver = false;
            while (state == State.RUNNING) {
                Instant now = clock.instant();
                promoteDue(now);
                ChatMailbox next = handingOver || !leftToSenders(now) ? nextToSend(now) : readyUnpaced.pollFirst();
                if (next != null) {
                    dispatch(next, now);
                    handingOver = true;
                } else {
                    awaitWork(now);
                    handingOver = false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private ChatMailbox nextToSend(Instant now) {
        if (sending >= settings.maxInFlight() || now.isBefore(pausedUntil) || !leaseHeld()) {
            return null;
        }
        // Callback answers do not count towards any rate, so a full global window never holds them back.
        ChatMailbox next = readyUnpaced.pollFirst();
        if (next != null || (readyPaced.isEmpty() && readyBackground.isEmpty()) || !global.allows(now)
                || !havePermit(now)) {
            return next;
        }
        if (readyBackground.isEmpty() || (!readyPaced.isEmpty() && foregroundRun < BACKGROUND_SHARE - 1)) {
            foregroundRun = readyBackground.isEmpty() ? 0 : foregroundRun + 1;
            return readyPaced.pollFirst();
        }
        foregroundRun = 0;
        return readyBackground.pollFirst();
    }

    /**
     * Under the lock: whether the global slots accruing now are left to the senders at work, which take each as it comes
     * when their sends end (see {@link #send}). The dispatcher steps in only when they fall behind, with
     * {@link #SLOTS_TOGETHER} slots accrued, and then hands all that may go over at once (a slow Telegram needs many
     * sends in flight); stepping in at the first slot, it started a sender for nearly every slot, each of which then
     * slept for a slot of its own: a sleep per message (docs/PERFORMANCE.md).
     */
    private boolean leftToSenders(Instant now) {
        return sending > 0 && now.isBefore(slotsTogether());
    }

    /** Under the lock: when {@link #SLOTS_TOGETHER} global slots (or one per chat waiting, if fewer) have accrued. */
    private Instant slotsTogether() {
        return global.earliest(Math.min(SLOTS_TOGETHER, waitingForPace()));
    }

    private int waitingForPace() {
        return readyPaced.size() + readyBackground.size();
    }

    private void dispatch(ChatMailbox mailbox, Instant now) {
        Dispatched taken = take(mailbox, now);
        senders.execute(() -> sendFrom(taken));
    }

    /** Under the lock: counts the mailbox's head message as sent off now. */
    private Dispatched take(ChatMailbox mailbox, Instant now) {
        mailbox.slot = Slot.NONE;
        QueuedMessage message = mailbox.queue.getFirst();
        if (message.message().paced()) {
            global.take(now);
            mailbox.pace.take(now);
            permits--;
            rollTenths(now);
            pacedSendsPerTenth[(int) Math.floorMod(lastTenth, 10L)]++;
        }
        mailbox.sending = true;
        sending++;
        boolean scheduled = claimedFromTable.contains(message.id());
        return new Dispatched(mailbox, message, scheduled, !background.contains(message.id()),
                chartsAhead.take(message.id()), now);
    }

    /**
     * Sends {@code first}, then whatever may go at once when it is done, on this thread: under load a sender goes from
     * one message to the next without handing over to the dispatcher and back — two thread wake-ups per message, which
     * on a busy machine cost more than the send's own work. The dispatcher is left what must wait for a time.
     */
    private void sendFrom(Dispatched first) {
        Dispatched next = first;
        while (next != null) {
            awaitSlot(next.at());
            next = send(next);
        }
    }

    /**
     * Under the lock, after a send: when a paced message is ready and waits only for the global pace, the moment at
     * which {@link #SENDER_SLOTS_TOGETHER} slots (or one per chat waiting, if fewer) will have accrued, if that comes
     * within {@link #SLOT_WAIT} (in this second, whose permits are at hand). The sender then takes the message for that
     * moment, waits for it itself, and sends the messages the accrued slots let go at once after it: while the global
     * rate binds, every send otherwise went back to the pool and was handed the next message by the dispatcher — a
     * thread woken by another for every message, which on a virtual machine costs the waker more than the hand-over's
     * own work (the dispatcher's CPU was a seventh of the bot's on the update path, nearly all of it in the kernel);
     * waiting for one slot at a time, the sender still slept twice per message, once for Telegram's answer and once
     * for the slot (docs/PERFORMANCE.md).
     */
    private Instant slotSoon(Instant now) {
        int waiting = waitingForPace();
        if (waiting == 0 || senderWaitsUntil.isAfter(now)) {
            return null;
        }
        Instant slot = global.earliest(Math.min(SENDER_SLOTS_TOGETHER, waiting));
        if (!slot.isAfter(now) || slot.isAfter(now.plus(SLOT_WAIT)) || slot.getEpochSecond() != now.getEpochSecond()) {
            return null;
        }
        return slot;
    }

    long slotsWaitedFor() {
        lock.lock();
        try {
            return slotsWaitedFor;
        } finally {
            lock.unlock();
        }
    }

    /** Waits (at most {@link #SLOT_WAIT}, not under the lock) until the moment a message was taken for. */
    private void awaitSlot(Instant at) {
        long nanos = Math.min(Duration.between(clock.instant(), at).toNanos(), SLOT_WAIT.toNanos());
        long until = System.nanoTime() + nanos;
        while (nanos > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(nanos);
            nanos = until - System.nanoTime();
        }
    }

    /** Waits until the next wake-up or global slot is due, or something changes. */
    private void awaitWork(Instant now) throws InterruptedException {
        Instant due = nextDue(now);
        if (due.isAfter(now)) {
            dispatcherWakesAt = due;
            try {
                workChanged.awaitNanos(Duration.between(now, due).toNanos());
            } finally {
                dispatcherWakesAt = Instant.MAX;
            }
        }
    }

    /**
     * Under the lock, what the dispatcher would wake for next: the next timed wake-up, the end of a pause, or the
     * global slot or permit a ready chat waits for ({@code now} or earlier when one may go at once).
     */
    private Instant nextDue(Instant now) {
        Instant due = now.plus(MAX_IDLE);
        if (now.isBefore(pausedUntil) && pausedUntil.isBefore(due)) {
            due = pausedUntil;
        }
        Wakeup first = firstTimed();
        if (first != null && first.due().isBefore(due)) {
            due = first.due();
        }
        if ((!readyPaced.isEmpty() || !readyBackground.isEmpty()) && sending < settings.maxInFlight()
                && !now.isBefore(pausedUntil) && leaseHeld()) {
            Instant permitted = permitsDueAt(now);
            // With several chats waiting for the global slot, wake when a few may go together, not once per slot; and
            // while senders are at work, only when they fall behind (see leftToSenders).
            Instant slots = global.allows(now) && sending == 0 ? global.earliest()
                    : slotsTogether();
            Instant next = slots.isAfter(permitted) ? slots : permitted;
            if (next.isBefore(due)) {
                due = next;
            }
        }
        if (!leaseHeld()) {
            // Nothing goes until the leases are renewed; look again shortly rather than spin.
            Instant retry = now.plus(LEASE_RECHECK);
            if (retry.isBefore(due)) {
                due = retry;
            }
        }
        if (!readyUnpaced.isEmpty() && sending < settings.maxInFlight() && !now.isBefore(pausedUntil)
                && leaseHeld()) {
            return now;
        }
        return due;
    }

    /** Under the lock, after a change a sender made: wakes the dispatcher only if it now has something to do sooner. */
    private void wakeDispatcherIfDue(Instant now) {
        if (nextDue(now).isBefore(dispatcherWakesAt)) {
            workChanged.signal();
        }
    }

    /** @return the message this thread sends next, taken under the lock: one that may go at once, if any */
    private Dispatched send(Dispatched taken) {
        ChatMailbox mailbox = taken.mailbox();
        QueuedMessage message = taken.message();
        Instant dispatched = taken.at();
        // The chat's pace was taken at dispatch; a send that starts later (waiting for its thread, or for a core while
        // being prepared, on a busy machine) moves the chat's next slot by as much, so that two sends to one chat never
        // start closer than the pace.
        Instant[] started = {dispatched};
        // Should recording the outcome itself fail with a bug, the chat moves on; the row stays as it was in the outbox.
        Next next = new Next.Settled();
        Dispatched following = null;
        // An Error on its way out takes no next message with it (it would never be sent).
        boolean completed = false;
        try {
            SendResult result = attempt(message, taken.scheduled(), taken.drawn(), started);
            if (result instanceof SendResult.RetryAfter(var delay)) {
                pauseAll(delay);
            }
            // Counted before the outcome is recorded: once its mark is written, the message counts as settled.
            if (result instanceof SendResult.Sent) {
                Instant answered = clock.instant();
                metrics.messageSentAfter(Duration.between(message.notBefore(), answered),
                        Duration.between(started[0], answered), taken.reply());
            }
            next = book.record(message, result);
            completed = true;
        } catch (RuntimeException e) {
            LOG.error("Could not record the outcome of message {} to chat {}", message.id(),
                    message.message().chatId(), e);
            completed = true;
        } finally {
            lock.lock();
            try {
                mailbox.sending = false;
                sending--;
                Duration late = Duration.between(dispatched, started[0]);
                if (message.message().paced() && late.isPositive()) {
                    mailbox.pace.delay(late);
                }
                apply(mailbox, next);
                Instant now = clock.instant();
                schedule(mailbox, now, true);
                if (completed && state == State.RUNNING) {
                    promoteDue(now);
                    ChatMailbox ready = nextToSend(now);
                    if (ready != null) {
                        following = take(ready, now);
                    } else {
                        Instant slot = slotSoon(now);
                        if (slot != null && (ready = nextToSend(slot)) != null) {
                            following = take(ready, slot);
                            senderWaitsUntil = slot;
                            slotsWaitedFor++;
                        }
                    }
                }
                wakeDispatcherIfDue(now);
            } finally {
                lock.unlock();
            }
        }
        return following;
    }

    /** @param started set to when the message went to Telegram, as near as this thread can tell */
    private SendResult attempt(QueuedMessage message, boolean scheduled,
                               Optional<CompletableFuture<Messenger.Prepared>> drawn, Instant[] started) {
        try {
            // A chart drawn ahead is waited for if its drawing is still under way (the drawing would cost as much
            // again here); anything else is prepared now, on this thread.
            Messenger.Prepared prepared = drawn.isPresent() ? drawn.get().join()
                    : messenger.prepare(message.message());
            started[0] = clock.instant();
            return messenger.send(prepared, scheduled);
        } catch (RuntimeException e) {
            // The port promises results, not exceptions; a bug in the adapter should not end the relay.
            LOG.error("Messenger threw on message {} to chat {}", message.id(), message.message().chatId(), e);
            return new SendResult.Failed(e.getClass().getSimpleName(), true);
        }
    }

    private void pauseAll(Duration delay) {
        Instant until;
        lock.lock();
        try {
            until = clock.instant().plus(delay);
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
                LOG.warn("Telegram asked to wait {}: all sending paused until {}", delay, until);
            }
        } finally {
            lock.unlock();
        }
        try {
            // Telegram's flood control is per bot, so every process sending for it waits too (at its next draw).
            budget.pauseUntil(until);
        } catch (RuntimeException e) {
            LOG.warn("Could not share the pause with the other processes: {}", e.getMessage());
        }
    }

    /**
     * Whether a send permit of the current one-second window is at hand; also starts drawing the next block from the
     * shared budget when the permits at hand run low (off this thread when that is a round trip), so that sending does
     * not stop for the round trip. Under the lock.
     */
    private boolean havePermit(Instant now) {
        long second = now.getEpochSecond();
        if (permitSecond != second) {
            permitSecond = second;
            permits = aheadSecond == second ? aheadPermits : 0;
            aheadPermits = 0;
        }
        topUp(now);
        return permits > 0;
    }

    /**
     * Draws what is ready and, from a shared budget, a stock on top: about a fifth of a second of this relay's recent
     * paced sends. Without the stock every draw was for the messages ready at that moment (one or two under a steady
     * load), so nearly every message waited for a round trip to the budget's database — hundreds of milliseconds
     * when that database was busy (docs/PERFORMANCE.md). With it the next messages find permits at hand and the draw
     * for the ones after runs meanwhile. Near a window's end the stock for the next window is drawn ahead, since a new
     * window starts with no permits. What a window's stock leaves unused is lost to every relay: at most that fifth of
     * a second of sends, and never more than {@link #permitBlock}. Under the lock.
     */
    private void topUp(Instant now) {
        if (drawingForReplies) {
            return;
        }
        int stock = budget.remote() ? Math.min(permitBlock, Math.ceilDiv(pacedSentInLastSecond(now), 5)) : 0;
        long second = now.getEpochSecond();
        if (drawingBackground) {
            // Under load a draw can take a hundred milliseconds and more (docs/PERFORMANCE.md); replies that find no
            // permit at hand draw their own rather than wait behind one the background lanes made.
            if (permits < readyPaced.size() && mayDraw(true, now)) {
                int wanted = block(readyPaced.size() + Math.ceilDiv(stock, 2) - permits, now);
                if (wanted > 0) {
                    draw(second, now, wanted, reserve.cap(true, now), true);
                }
            }
            return;
        }
        int ready = waitingForPace();
        if (permits < ready + Math.ceilDiv(stock, 2) && permits <= permitBlock / 2) {
            boolean forReplies = !readyPaced.isEmpty();
            int wanted = block(ready + stock - permits, now);
            if (mayDraw(forReplies, now) && wanted > 0) {
                draw(second, now, wanted, reserve.cap(forReplies, now), forReplies);
            }
            return;
        }
        if (stock > 0 && aheadAskedFor != second + 1 && now.getNano() >= DRAW_AHEAD_FROM_NANO) {
            aheadAskedFor = second + 1;
            // Drawn as background: the next window's reserve for replies stays whole.
            draw(second + 1, now, stock, reserve.cap(false, Instant.ofEpochSecond(second + 1)), false);
        }
    }

    /** What a draw asks for when {@code missing} permits are short: at most a block, and what the window can send. */
    private int block(int missing, Instant now) {
        return Math.min(Math.min(permitBlock, missing), reserve.sendableInRestOf(now));
    }

    /** Under the lock. */
    private void draw(long second, Instant now, int wanted, int cap, boolean forReplies) {
        if (!budget.remote()) {
            granted(second, now, wanted, forReplies, budget.draw(second, wanted, cap));
            return;
        }
        drawingFor(forReplies, true);
        try {
            senders.execute(() -> drawPermits(second, now, wanted, cap, forReplies));
        } catch (RuntimeException rejected) {
            drawingFor(forReplies, false);
        }
    }

    /** Under the lock. */
    private void drawingFor(boolean forReplies, boolean underWay) {
        if (forReplies) {
            drawingForReplies = underWay;
        } else {
            drawingBackground = underWay;
        }
    }

    /** Paced sends started over the last second (the current tenth of it included). Under the lock. */
    private int pacedSentInLastSecond(Instant now) {
        rollTenths(now);
        int sent = 0;
        for (int tenth : pacedSendsPerTenth) {
            sent += tenth;
        }
        return sent;
    }

    /** Moves the per-tenth counts on to the tenth of {@code now}, clearing the tenths passed. Under the lock. */
    private void rollTenths(Instant now) {
        long tenth = Math.floorDiv(now.toEpochMilli(), 100L);
        if (tenth == lastTenth) {
            return;
        }
        if (lastTenth == Long.MIN_VALUE || tenth < lastTenth || tenth - lastTenth >= pacedSendsPerTenth.length) {
            Arrays.fill(pacedSendsPerTenth, 0);
        } else {
            for (long passed = lastTenth + 1; passed <= tenth; passed++) {
                pacedSendsPerTenth[(int) Math.floorMod(passed, 10L)] = 0;
            }
        }
        lastTenth = tenth;
    }

    /** Whether a draw now could be granted anything, going by the last short one. Under the lock. */
    private boolean mayDraw(boolean forReplies, Instant now) {
        if (fullSecond == now.getEpochSecond()) {
            return false;
        }
        return forReplies || !now.isBefore(backgroundShortUntil);
    }

    private void drawPermits(long second, Instant now, int wanted, int cap, boolean forReplies) {
        SendBudget.Grant grant;
        boolean failed = false;
        try {
            grant = budget.draw(second, wanted, cap);
        } catch (RuntimeException e) {
            // Without the shared count, replies still go at the share the background lanes never take; the
            // background waits for the budget to come back.
            int fallback = forReplies ? Math.min(wanted, Math.max(1, reserve.reserve())) : 0;
            LOG.warn("Could not draw send permits: {}; {} permit(s) from the replies' share this second",
                    e.getMessage(), fallback);
            grant = new SendBudget.Grant(fallback, Instant.MIN);
            failed = true;
        }
        lock.lock();
        try {
            drawingFor(forReplies, false);
            granted(second, now, wanted, forReplies, grant);
            // A draw ahead that failed leaves the next window to its own draws (and their fallback) when it comes.
            if (failed && second == now.getEpochSecond()) {
                fullSecond = second;
            }
            workChanged.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void granted(long second, Instant drawnAt, int wanted, boolean forReplies, SendBudget.Grant grant) {
        if (permitSecond == second) {
            permits += grant.granted();
        } else if (second > permitSecond) {
            // Drawn ahead, and the window has not begun here yet.
            if (aheadSecond != second) {
                aheadSecond = second;
                aheadPermits = 0;
            }
            aheadPermits += grant.granted();
        }
        int shortBy = wanted - grant.granted();
        // A draw ahead that fell short says nothing about the window now: it is simply not drawn again.
        if (shortBy > 0 && second == drawnAt.getEpochSecond()) {
            if (forReplies) {
                // Filled to the limit: nothing more this second for anyone.
                fullSecond = second;
            } else {
                // Filled to the background's share: more of the reserve lapses as the second goes on.
                backgroundShortUntil = reserve.retryAfterShortGrant(drawnAt, shortBy);
            }
        }
        if (grant.pausedUntil().isAfter(pausedUntil)) {
            pausedUntil = grant.pausedUntil();
            // A budget no one ever paused reports an instant long past: only a pause still ahead is news.
            if (pausedUntil.isAfter(drawnAt)) {
                LOG.info("Sending paused until {}, as another process was asked by Telegram", pausedUntil);
            }
        }
    }

    /** When the permits allow the next paced send: now, later, or (a draw under way) when it returns. Under the lock. */
    private Instant permitsDueAt(Instant now) {
        long second = now.getEpochSecond();
        if ((permitSecond == second && permits > 0)) {
            return Instant.MIN;
        }
        boolean forReplies = !readyPaced.isEmpty();
        if (drawingForReplies || (drawingBackground && !forReplies)) {
            return Instant.MAX;
        }
        if (mayDraw(forReplies, now)) {
            return Instant.MIN;
        }
        Instant nextWindow = Instant.ofEpochSecond(second + 1);
        if (fullSecond == second || backgroundShortUntil.isAfter(nextWindow)) {
            return nextWindow;
        }
        return backgroundShortUntil;
    }

    /** The marks of these sent messages are written: they are finished with. */
    private void marked(List<Long> ids) {
        lock.lock();
        try {
            ids.forEach(outstanding::remove);
            ids.forEach(background::remove);
            ids.forEach(claimedFromTable::remove);
            ids.forEach(this::rememberMarked);
            settledWhileReading.forEach(read -> read.addAll(ids));
            messageSettled.signalAll();
            roomFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void apply(ChatMailbox mailbox, Next next) {
        switch (next) {
            case Next.Settled settled -> settle(mailbox.queue.removeFirst());
            // Still outstanding until its mark is written (a second offer of it must stay a no-op until then).
            case Next.Sent sent -> mailbox.queue.removeFirst();
            case Next.Retry(var updated) -> {
                mailbox.queue.removeFirst();
                mailbox.queue.addFirst(updated);
            }
            case Next.ChatBlocked blocked -> {
                mailbox.queue.forEach(this::settle);
                mailbox.queue.clear();
            }
        }
    }

    private void settle(QueuedMessage message) {
        chartsAhead.forget(message.id());
        outstanding.remove(message.id());
        background.remove(message.id());
        claimedFromTable.remove(message.id());
        settledWhileReading.forEach(read -> read.add(message.id()));
        messageSettled.signalAll();
        roomFreed.signalAll();
    }

    /** Remembers an id sent and marked, forgetting the oldest beyond the bound. Under the lock. */
    private void rememberMarked(long id) {
        if (recentlyMarked.add(id) && recentlyMarked.size() > RECENTLY_MARKED) {
            Iterator<Long> oldest = recentlyMarked.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Puts an idle mailbox where the dispatcher will find it when its head message is due. */
    private void schedule(ChatMailbox mailbox, Instant now) {
        schedule(mailbox, now, false);
    }

    /**
     * @param continuing the chat's previous message was just sent: a background chat whose next message may go at
     *                   once goes first in its lane, so that a parent's report and its chart arrive together rather
     *                   than the chart after every other report held (the per-chat pace still bounds a chat's burst),
     *                   and charts are sent in about the order they are drawn ahead
     */
    private void schedule(ChatMailbox mailbox, Instant now, boolean continuing) {
        if (mailbox.sending || mailbox.slot == Slot.READY) {
            return;
        }
        if (mailbox.slot == Slot.TIMED) {
            // Something changed (a new message): the wake-up set earlier may be too late now. Forget it and recompute.
            mailbox.wakeupTicket++;
            mailbox.slot = Slot.NONE;
        }
        if (mailbox.queue.isEmpty()) {
            // An empty chat is kept until its pace has recovered: a chat emptied and refilled must not burst anew.
            Instant recovered = mailbox.pace.recoveredAt();
            if (recovered.isAfter(now)) {
                addWakeup(resting, mailbox, recovered);
            } else {
                chats.remove(mailbox.chatId);
            }
            return;
        }
        Instant due = mailbox.headDueAt();
        if (due.isAfter(now)) {
            addTimed(mailbox, due);
        } else {
            mailbox.slot = Slot.READY;
            if (!mailbox.headPaced()) {
                readyUnpaced.addLast(mailbox);
            } else if (!background.contains(mailbox.queue.getFirst().id())) {
                readyPaced.addLast(mailbox);
            } else if (continuing) {
                readyBackground.addFirst(mailbox);
            } else {
                readyBackground.addLast(mailbox);
            }
        }
    }

    /** Whether a wake-up is still its chat's (a new message since makes it stale). Under the lock. */
    private static boolean isLive(Wakeup wakeup) {
        return wakeup.mailbox().slot == Slot.TIMED && wakeup.mailbox().wakeupTicket == wakeup.ticket();
    }

    /** The first wake-up still due to anyone, dropping stale ones ahead of it: none should wake the dispatcher. */
    private Wakeup firstTimed() {
        Wakeup first = timed.peek();
        while (first != null && !isLive(first)) {
            timed.poll();
            first = timed.peek();
        }
        return first;
    }

    private void addTimed(ChatMailbox mailbox, Instant due) {
        addWakeup(timed, mailbox, due);
    }

    /** Makes {@code due} the chat's one live wake-up, in {@code wakeups}; any earlier one goes stale. */
    private static void addWakeup(PriorityQueue<Wakeup> wakeups, ChatMailbox mailbox, Instant due) {
        mailbox.wakeupTicket++;
        mailbox.slot = Slot.TIMED;
        wakeups.add(new Wakeup(due, mailbox, mailbox.wakeupTicket));
    }

    private void promoteDue(Instant now) {
        promoteDue(timed, now);
        promoteDue(resting, now);
    }

    private void promoteDue(PriorityQueue<Wakeup> wakeups, Instant now) {
        while (!wakeups.isEmpty() && !wakeups.peek().due().isAfter(now)) {
            Wakeup wakeup = wakeups.poll();
            if (isLive(wakeup)) {
                wakeup.mailbox().slot = Slot.NONE;
                schedule(wakeup.mailbox(), now);
            }
        }
    }

    /**
     * Appends, except in the rare case of an older message arriving after a newer one of the same chat (a resumed row
     * offered after a fresh one): then it is put in its place, never before a message already in flight.
     */
    private static void insertInIdOrder(ChatMailbox mailbox, QueuedMessage message) {
        if (mailbox.queue.isEmpty() || mailbox.queue.getLast().id() < message.id()) {
            mailbox.queue.addLast(message);
            return;
        }
        List<QueuedMessage> rest = new ArrayList<>(mailbox.queue);
        mailbox.queue.clear();
        if (mailbox.sending) {
            mailbox.queue.addLast(rest.removeFirst());
        }
        rest.add(message);
        rest.sort(Comparator.comparingLong(QueuedMessage::id));
        mailbox.queue.addAll(rest);
    }
}
