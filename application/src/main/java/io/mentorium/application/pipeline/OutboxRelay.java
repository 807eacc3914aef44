package io.mentorium.application.pipeline;

import io.mentorium.application.pipeline.ChatMailbox.Slot;
import io.mentorium.application.pipeline.DeliveryBook.Next;
import io.mentorium.application.port.in.RecordUnreachableChat;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.PipelineMetrics;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.ChatId;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds through the {@link Messenger}: in id order within a chat with one message in flight per
 * chat, paced per chat and globally, retrying what Telegram asks to retry, and recording each outcome in the outbox.
 *
 * <p>One dispatcher thread decides what goes next and waits (never spins) until the earliest moment something may go;
 * each send runs on its own virtual thread, at most {@link RelaySettings#maxInFlight()} at a time. Everything the relay
 * holds in memory is also pending in the outbox, so dropping it (a crash, {@link #stop()}) loses nothing: the next
 * {@link #start()} resumes it.
 *
 * <p>Rows nobody offers — queued by another process such as the scheduler — are found by a pick-up thread that reads
 * the pending rows every {@link RelaySettings#pickUpInterval()} and offers those it does not hold in the background
 * lane. See {@link #pickUpPass()} for why its keyset cannot skip a row for good.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    /** When replies and background messages both wait, one slot in this many goes to the background. */
    static final int BACKGROUND_SHARE = 4;

    /**
     * A pick-up pass starts after the highest id reached this many passes earlier, not after the last one: ids are
     * drawn when a row is inserted but become visible at commit, so a row may appear below ids already read. At the
     * default interval this leaves a transaction 30 seconds to commit before its row is left to the full sweeps.
     */
    static final int SETTLE_PASSES = 15;

    /**
     * Every this many passes one reads from the very first pending row (five minutes at the default interval): the
     * backstop that finds a row whose transaction outlasted {@link #SETTLE_PASSES}, so no row is skipped for good.
     */
    static final int FULL_SWEEP_PASSES = 150;

    /** The longest the dispatcher waits without reading the clock again, so that a clock jump is noticed. */
    private static final Duration MAX_IDLE = Duration.ofSeconds(1);

    private enum State { NEW, RUNNING, STOPPED }

    private record Wakeup(Instant due, ChatMailbox mailbox, long ticket) {
    }

    /** What a pick-up did with a page: the first {@code handled} rows are dealt with, {@code offered} of them new. */
    private record Taken(int handled, int offered) {
    }

    private final Outbox outbox;
    private final Messenger messenger;
    private final Clock clock;
    private final RelaySettings settings;
    private final DeliveryBook book;
    private final SentMarks marks;
    private final Messenger typingMessenger;

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
    /** Paced dispatches since a background one, while replies were waiting too. */
    private int foregroundRun;
    private final ArrayDeque<ChatMailbox> readyUnpaced = new ArrayDeque<>();
    private final PriorityQueue<Wakeup> timed = new PriorityQueue<>(Comparator.comparing(Wakeup::due));
    /** Ids queued or in flight: what {@link #flush} waits for, and what makes a second offer of a message a no-op. */
    private final NavigableSet<Long> outstanding = new TreeSet<>();
    private final RateGate global;
    private int sending;
    /** Telegram's flood control is per bot: after a 429, nothing is sent before this instant. */
    private Instant pausedUntil = Instant.MIN;
    private State state = State.NEW;
    private Thread dispatcher;
    private ExecutorService senders;
    private Thread pickUp;
    /**
     * While the pick-up reads a page, the ids the relay finishes with (marked sent, given up): such a row may still be
     * pending in the page read just before its mark was written, and must not be offered again. Null between reads.
     */
    private Set<Long> settledWhileReading;
    /** Pick-up thread only: the highest id each of the last {@link #SETTLE_PASSES} passes reached, oldest first. */
    private final ArrayDeque<Long> reached = new ArrayDeque<>();
    /** Pick-up thread only. */
    private long passes;

    @Inject
    public OutboxRelay(Outbox outbox, Messenger messenger, RecordUnreachableChat unreachable, PipelineMetrics metrics,
                       Clock clock, RelaySettings settings) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.messenger = Objects.requireNonNull(messenger, "messenger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.marks = new SentMarks(outbox, clock, settings.backoff(), this::marked);
        this.book = new DeliveryBook(outbox, Objects.requireNonNull(unreachable, "unreachable"),
                Objects.requireNonNull(metrics, "metrics"), clock, settings, marks);
        this.typingMessenger = messenger;
        this.global = RateGate.perSecond(settings.globalPerSecond());
    }

    /** Resumes every pending outbox row, then starts sending. Call once. */
    public void start() {
        lock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("the relay was started before");
            }
        } finally {
            lock.unlock();
        }
        senders = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("outbox-sender-", 0).factory());
        lock.lock();
        try {
            state = State.RUNNING;
            dispatcher = Thread.ofVirtual().name("outbox-dispatcher").start(this::dispatchLoop);
        } finally {
            lock.unlock();
        }
        marks.start();
        int resumed;
        try {
            // Sending runs already, so a backlog larger than the relay may hold is read page by page as room frees up.
            resumed = KeysetPages.forEach(outbox::pending, QueuedMessage::id, this::offer);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        lock.lock();
        try {
            if (state == State.RUNNING) {
                pickUp = Thread.ofVirtual().name("outbox-pick-up").start(this::pickUpLoop);
            }
        } finally {
            lock.unlock();
        }
        LOG.info("Outbox relay started: {} pending message(s) resumed, {} paced message(s)/s at most, pending rows "
                + "picked up every {}", resumed, settings.globalPerSecond(), settings.pickUpInterval());
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

    private void offer(List<QueuedMessage> messages, boolean inBackground) {
        if (messages.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (QueuedMessage message : messages) {
                while (state != State.STOPPED && outstanding.size() >= settings.maxQueued()
                        && !outstanding.contains(message.id())) {
                    roomFreed.await();
                }
                if (state == State.STOPPED) {
                    LOG.debug("Relay stopped: message(s) left pending in the outbox");
                    return;
                }
                queue(message, inBackground, clock.instant());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("Interrupted while waiting for room: message(s) left pending in the outbox");
        } finally {
            lock.unlock();
        }
    }

    /** Takes one offered message into its chat's mailbox, unless it is outstanding already. Under the lock. */
    private void queue(QueuedMessage message, boolean inBackground, Instant now) {
        if (outstanding.add(message.id())) {
            if (inBackground) {
                background.add(message.id());
            }
            ChatMailbox mailbox = chats.computeIfAbsent(message.message().chatId(),
                    chat -> new ChatMailbox(chat, settings.perChatInterval(), settings.perChatBurst()));
            insertInIdOrder(mailbox, message);
            schedule(mailbox, now);
            workChanged.signal();
        } else if (!inBackground && background.remove(message.id())) {
            // A reply the pick-up found between its commit and its chat worker's offer: it goes in the reply lane.
            ChatMailbox mailbox = chats.get(message.message().chatId());
            if (mailbox != null && mailbox.slot == Slot.READY && mailbox.queue.getFirst().id() == message.id()
                    && readyBackground.remove(mailbox)) {
                readyPaced.addLast(mailbox);
                workChanged.signal();
            }
        }
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
            if (state != State.RUNNING || now.isBefore(pausedUntil) || sending >= settings.maxInFlight()
                    || !global.allows(now)) {
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
     * @return the result, or empty when skipped
     */
    public Optional<SendResult> trySendAside(Supplier<SendResult> send) {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (state != State.RUNNING || now.isBefore(pausedUntil) || sending >= settings.maxInFlight()
                    || !global.allows(now)) {
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
        marks.stop(settings.stopGrace());
        LOG.info("Outbox relay stopped; {} message(s) left pending in the outbox", outstandingCount());
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

    boolean terminated() {
        return (dispatcher == null || !dispatcher.isAlive()) && (senders == null || senders.isTerminated())
                && (pickUp == null || !pickUp.isAlive());
    }

    private void pickUpLoop() {
        while (awaitNextPickUp()) {
            try {
                pickUpPass();
            } catch (StorageException e) {
                LOG.warn("Could not read the pending outbox rows: {}; trying again in {}", e.getMessage(),
                        settings.pickUpInterval());
            } catch (RuntimeException e) {
                LOG.error("A pick-up of pending outbox rows failed; trying again in {}", settings.pickUpInterval(), e);
            }
        }
    }

    /** @return false once the relay stops */
    private boolean awaitNextPickUp() {
        lock.lock();
        try {
            long nanos = settings.pickUpInterval().toNanos();
            while (state == State.RUNNING && nanos > 0) {
                nanos = pickUpWake.awaitNanos(nanos);
            }
            return state == State.RUNNING;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads pending rows page by page and offers, in the background lane, those the relay does not hold.
     *
     * <p>The keyset: ids come from a sequence when a row is inserted, but a row becomes visible when its transaction
     * commits, so a lower id may appear after a higher one was read. A pass therefore does not start after the highest
     * id read so far but after the lowest id reached by the last {@value #SETTLE_PASSES} passes, re-reading a trailing
     * window of recent ids (cheap: only pending rows are read, through the index on them, and under load most recent
     * rows are sent already). A row whose transaction commits later than that window is found by the next full sweep,
     * which every {@value #FULL_SWEEP_PASSES} passes reads from the first pending row: so a pending row is picked up at
     * the latest one full sweep after its commit, never skipped for good. Rows the relay holds (including those
     * deferred to a later time, which wait in their mailbox) are skipped without a second offer, and are re-read only
     * while they are in the trailing window or by a full sweep.
     *
     * <p>Memory: a pass stops once the relay holds half of {@link RelaySettings#maxQueued()}, leaving the other half to
     * the chat workers, so the pick-up never waits for room itself and never makes a chat worker wait behind
     * scheduled messages; the rest is read by later passes.
     */
    private void pickUpPass() {
        boolean fullSweep = passes++ % FULL_SWEEP_PASSES == 0;
        long after = fullSweep || reached.size() < SETTLE_PASSES ? Long.MIN_VALUE
                : reached.stream().mapToLong(Long::longValue).min().orElseThrow();
        int offered = 0;
        boolean caughtUp;
        while (true) {
            beginRead();
            List<QueuedMessage> page;
            try {
                page = outbox.pending(after, KeysetPages.PAGE_SIZE);
            } catch (RuntimeException e) {
                endRead();
                throw e;
            }
            Taken taken = offerPickedUp(page);
            int handled = taken.handled();
            offered += taken.offered();
            if (handled > 0) {
                after = page.get(handled - 1).id();
            }
            caughtUp = handled == page.size() && page.size() < KeysetPages.PAGE_SIZE;
            if (caughtUp || handled < page.size()) {
                break;
            }
        }
        // Caught up, this pass has taken every visible row above its start, so what earlier passes reached still
        // holds (a pass that finds nothing new must not pull the window back). Stopped early, the rows above the last
        // one taken are not taken yet: the window goes back to it, so that later passes read them.
        long previous = reached.isEmpty() ? Long.MIN_VALUE : reached.peekLast();
        reached.addLast(caughtUp ? Math.max(after, previous) : after);
        if (reached.size() > SETTLE_PASSES) {
            reached.removeFirst();
        }
        if (offered > 0) {
            LOG.info("Picked up {} pending outbox message(s) nobody offered{}", offered,
                    fullSweep ? " (full sweep)" : "");
        }
    }

    private void beginRead() {
        lock.lock();
        try {
            settledWhileReading = new HashSet<>();
        } finally {
            lock.unlock();
        }
    }

    private void endRead() {
        lock.lock();
        try {
            settledWhileReading = null;
        } finally {
            lock.unlock();
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
                if (!outstanding.contains(message.id()) && !settledWhileReading.contains(message.id())) {
                    if (outstanding.size() >= room) {
                        break;
                    }
                    queue(message, true, now);
                    offered++;
                }
                handled++;
            }
            settledWhileReading = null;
        } finally {
            lock.unlock();
        }
        return new Taken(handled, offered);
    }

    private void dispatchLoop() {
        lock.lock();
        try {
            while (state == State.RUNNING) {
                Instant now = clock.instant();
                promoteDue(now);
                ChatMailbox next = nextToSend(now);
                if (next != null) {
                    dispatch(next, now);
                } else {
                    awaitWork(now);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private ChatMailbox nextToSend(Instant now) {
        if (sending >= settings.maxInFlight() || now.isBefore(pausedUntil)) {
            return null;
        }
        // Callback answers do not count towards any rate, so a full global window never holds them back.
        ChatMailbox next = readyUnpaced.pollFirst();
        if (next != null || (readyPaced.isEmpty() && readyBackground.isEmpty()) || !global.allows(now)) {
            return next;
        }
        if (readyBackground.isEmpty() || (!readyPaced.isEmpty() && foregroundRun < BACKGROUND_SHARE - 1)) {
            foregroundRun = readyBackground.isEmpty() ? 0 : foregroundRun + 1;
            return readyPaced.pollFirst();
        }
        foregroundRun = 0;
        return readyBackground.pollFirst();
    }

    private void dispatch(ChatMailbox mailbox, Instant now) {
        mailbox.slot = Slot.NONE;
        QueuedMessage message = mailbox.queue.getFirst();
        if (message.message().paced()) {
            global.take(now);
            mailbox.pace.take(now);
        }
        mailbox.sending = true;
        sending++;
        senders.execute(() -> send(mailbox, message));
    }

    /** Waits until the next wake-up or global slot is due, or something changes. */
    private void awaitWork(Instant now) throws InterruptedException {
        Instant due = now.plus(MAX_IDLE);
        if (now.isBefore(pausedUntil) && pausedUntil.isBefore(due)) {
            due = pausedUntil;
        }
        Wakeup first = timed.peek();
        if (first != null && first.due().isBefore(due)) {
            due = first.due();
        }
        if ((!readyPaced.isEmpty() || !readyBackground.isEmpty()) && sending < settings.maxInFlight()
                && global.earliest().isBefore(due)) {
            due = global.earliest();
        }
        long nanos = Duration.between(now, due).toNanos();
        if (nanos > 0) {
            workChanged.awaitNanos(nanos);
        }
    }

    private void send(ChatMailbox mailbox, QueuedMessage message) {
        // Should recording the outcome itself fail with a bug, the chat moves on; the row stays as it was in the outbox.
        Next next = new Next.Settled();
        try {
            SendResult result = attempt(message);
            if (result instanceof SendResult.RetryAfter(var delay)) {
                pauseAll(delay);
            }
            next = book.record(message, result);
        } catch (RuntimeException e) {
            LOG.error("Could not record the outcome of message {} to chat {}", message.id(),
                    message.message().chatId(), e);
        } finally {
            lock.lock();
            try {
                mailbox.sending = false;
                sending--;
                apply(mailbox, next);
                schedule(mailbox, clock.instant());
                workChanged.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private SendResult attempt(QueuedMessage message) {
        try {
            return messenger.send(message.message());
        } catch (RuntimeException e) {
            // The port promises results, not exceptions; a bug in the adapter should not end the relay.
            LOG.error("Messenger threw on message {} to chat {}", message.id(), message.message().chatId(), e);
            return new SendResult.Failed(e.getClass().getSimpleName(), true);
        }
    }

    private void pauseAll(Duration delay) {
        lock.lock();
        try {
            Instant until = clock.instant().plus(delay);
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
                LOG.warn("Telegram asked to wait {}: all sending paused until {}", delay, until);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The marks of these sent messages are written: they are finished with. */
    private void marked(List<Long> ids) {
        lock.lock();
        try {
            ids.forEach(outstanding::remove);
            ids.forEach(background::remove);
            if (settledWhileReading != null) {
                settledWhileReading.addAll(ids);
            }
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
        outstanding.remove(message.id());
        background.remove(message.id());
        if (settledWhileReading != null) {
            settledWhileReading.add(message.id());
        }
        messageSettled.signalAll();
        roomFreed.signalAll();
    }

    /** Puts an idle mailbox where the dispatcher will find it when its head message is due. */
    private void schedule(ChatMailbox mailbox, Instant now) {
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
                addTimed(mailbox, recovered);
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
            ArrayDeque<ChatMailbox> ready = !mailbox.headPaced() ? readyUnpaced
                    : background.contains(mailbox.queue.getFirst().id()) ? readyBackground : readyPaced;
            ready.addLast(mailbox);
        }
    }

    private void addTimed(ChatMailbox mailbox, Instant due) {
        mailbox.wakeupTicket++;
        mailbox.slot = Slot.TIMED;
        timed.add(new Wakeup(due, mailbox, mailbox.wakeupTicket));
    }

    private void promoteDue(Instant now) {
        while (!timed.isEmpty() && !timed.peek().due().isAfter(now)) {
            Wakeup wakeup = timed.poll();
            ChatMailbox mailbox = wakeup.mailbox();
            if (mailbox.slot == Slot.TIMED && mailbox.wakeupTicket == wakeup.ticket()) {
                mailbox.slot = Slot.NONE;
                schedule(mailbox, now);
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
