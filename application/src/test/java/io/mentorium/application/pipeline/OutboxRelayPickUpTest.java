package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.pipeline.TimedMessenger.Attempt;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.service.RecordUnreachableChatService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryOutbox.State;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.RecordingMessenger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay finds and sends pending rows nobody offered it: those another process (the scheduler) queues. */
class OutboxRelayPickUpTest {

    private static final Duration FLUSH = Duration.ofSeconds(20);
    /** Short, so that the tests see many passes (and a full sweep) quickly. */
    private static final Duration PICK_UP = Duration.ofMillis(5);

    private final Clock clock = Clock.systemUTC();
    private final WatchedOutbox outbox = new WatchedOutbox(new InMemoryOutbox());
    private final RecordingMessenger telegram = new RecordingMessenger();
    private final TimedMessenger messenger = new TimedMessenger(telegram, clock);
    private final List<OutboxRelay> relays = new ArrayList<>();

    private OutboxRelay started(RelaySettings settings) {
        var unreachable = new RecordUnreachableChatService(new InMemoryParentRepository(), outbox,
                new DirectTransactionRunner(), clock);
        OutboxRelay relay = new OutboxRelay(outbox, messenger, unreachable, new CountingMetrics(), clock, settings);
        relays.add(relay);
        relay.start();
        return relay;
    }

    private OutboxRelay started() {
        return started(OutboxRelayTest.unhurried().withPickUpInterval(PICK_UP));
    }

    /** What another process does: the row is committed, nobody offers it to this relay. */
    private List<QueuedMessage> enqueue(Outgoing... messages) {
        return outbox.enqueue(List.of(messages), clock.instant());
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        assertThat(relays).allMatch(OutboxRelay::terminated);
    }

    @Test
    void aRowQueuedByAnotherProcessIsSentWithoutBeingOffered() {
        started();

        List<QueuedMessage> report = enqueue(message(1, "weekly report"));

        Poll.until("the report sent", () -> outbox.stateOf(report.getFirst().id()).equals(State.SENT));
        assertThat(telegram.textsTo(chat(1))).containsExactly("weekly report");
    }

    @Test
    void aRowIsSentOnceHoweverOftenItIsReadAndWhetherOrNotItIsAlsoOffered() {
        OutboxRelay relay = started();

        List<QueuedMessage> rows = enqueue(IntStream.rangeClosed(1, 40).mapToObj(n -> message(n % 4 + 1, "m" + n))
                .toArray(Outgoing[]::new));
        // Half of them are offered as well, as a chat worker would, racing the pick-up.
        for (int from = 0; from < 20; from += 5) {
            relay.offer(rows.subList(from, from + 5));
        }

        Poll.until("every row sent", () -> rows.stream().allMatch(row -> outbox.stateOf(row.id()) == State.SENT));
        int readsSoFar = outbox.reads();
        Poll.until("twenty more passes", () -> outbox.reads() >= readsSoFar + 20);
        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(telegram.sent()).hasSize(40);
    }

    @Test
    void aRowReadAsPendingJustBeforeItsSentMarkIsWrittenIsNotOfferedAgain() {
        OutboxRelay relay = started();
        CountDownLatch held = messenger.holdSends();
        List<QueuedMessage> reply = enqueue(message(1, "reply"));
        relay.offer(reply);
        Poll.until("the reply in flight", () -> messenger.running() == 1);

        // The next read sees the row pending; before the read returns, the send finishes and its mark is written.
        CountDownLatch staleReadReturned = new CountDownLatch(1);
        outbox.beforeNextReadReturns(() -> {
            held.countDown();
            Poll.until("the mark written and the row forgotten", () -> relay.outstandingCount() == 0);
        }, staleReadReturned);
        Poll.until("the stale read returned", () -> staleReadReturned.getCount() == 0);
        int readsSoFar = outbox.reads();
        Poll.until("more passes", () -> outbox.reads() >= readsSoFar + 5);

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(messenger.attemptsTo(chat(1))).hasSize(1);
    }

    @Test
    void aRowCommittedAfterOneWithAHigherIdIsStillPickedUp() {
        started();
        List<QueuedMessage> rows = enqueue(message(1, "committed late"), message(2, "committed first"));
        QueuedMessage late = rows.get(0);
        QueuedMessage first = rows.get(1);
        outbox.hide(late.id());

        Poll.until("the higher id sent", () -> outbox.stateOf(first.id()) == State.SENT);
        int readsSoFar = outbox.reads();
        Poll.until("more passes", () -> outbox.reads() >= readsSoFar + 5);
        assertThat(outbox.stateOf(late.id())).isEqualTo(State.PENDING);
        outbox.reveal(late.id());

        // No keyset to fall behind: a row is claimable from its commit on, whatever ids were claimed before it.
        Poll.until("the late row sent", () -> outbox.stateOf(late.id()) == State.SENT);
        assertThat(telegram.textsTo(chat(1))).containsExactly("committed late");
    }

    @Test
    void pickedUpRowsGoInTheBackgroundLaneSoARepliesOfferedMeanwhileGoFirst() {
        OutboxRelay relay = started(new RelaySettings(20, Duration.ofMillis(1), 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)).withPickUpInterval(PICK_UP));

        enqueue(IntStream.rangeClosed(1, 30).mapToObj(n -> message(100 + n, "report")).toArray(Outgoing[]::new));
        Poll.until("the reports picked up", outbox::returnedAllThirtyAndReadAgain);
        relay.offer(enqueue(IntStream.rangeClosed(1, 6).mapToObj(n -> message(n, "menu")).toArray(Outgoing[]::new)));
        int sentByTheOffer = messenger.attempts().size();

        assertThat(relay.flush(FLUSH)).isTrue();
        List<String> order = messenger.attempts().stream()
                .sorted(Comparator.comparing(Attempt::at))
                .map(attempt -> ((SendText) attempt.message()).text())
                .toList();
        assertThat(order).hasSize(36);
        // Counted from the replies' offer: how many reports went before it depends on how long the test thread took
        // from the pick-up to the offer.
        assertThat(order.indexOf("menu") - sentByTheOffer)
                .as("reports sent after the replies were offered, before the first: %s", order).isLessThanOrEqualTo(3);
        assertThat(order.lastIndexOf("menu") - order.indexOf("menu"))
                .as("the replies went out one after another: %s", order).isLessThan(10);
    }

    @Test
    void aPassStopsOnceTheRelayHoldsHalfItsBoundLeavingRoomForReplies() {
        CountDownLatch held = messenger.holdSends();
        OutboxRelay relay = started(new RelaySettings(10_000, Duration.ofMillis(1), 3, 64, Duration.ofMillis(20),
                Duration.ofMillis(200), 3, Duration.ofSeconds(5), 10).withPickUpInterval(PICK_UP));

        enqueue(IntStream.rangeClosed(1, 30).mapToObj(n -> message(n, "report")).toArray(Outgoing[]::new));
        Poll.until("half the bound picked up", () -> relay.outstandingCount() == 5);
        long passesSoFar = relay.pickUpPasses();
        Poll.until("more passes", () -> relay.pickUpPasses() >= passesSoFar + 5);
        assertThat(relay.outstandingCount()).isEqualTo(5);
        // A chat worker's offer finds room at once (it would wait here, holding its chat, were the relay full).
        relay.offer(enqueue(message(99, "reply")));
        assertThat(relay.outstandingCount()).isEqualTo(6);

        held.countDown();
        Poll.until("every row sent", () -> telegram.sent().size() == 31);
        assertThat(relay.flush(FLUSH)).isTrue();
    }

    @Test
    void stopEndsThePickUp() {
        OutboxRelay relay = started();
        Poll.until("a few passes", () -> outbox.reads() >= 3);

        relay.stop();

        assertThat(relay.terminated()).isTrue();
        int readsAtStop = outbox.reads();
        List<QueuedMessage> afterStop = enqueue(message(1, "for the next start"));
        assertThat(outbox.reads()).isEqualTo(readsAtStop);
        assertThat(outbox.stateOf(afterStop.getFirst().id())).isEqualTo(State.PENDING);
    }

    @Test
    void aFailingReadIsRetriedOnTheNextPassAndNeverEndsThePickUp() {
        started();
        outbox.failNextReads(3);

        List<QueuedMessage> report = enqueue(message(1, "despite the database"));

        Poll.until("the report sent", () -> outbox.stateOf(report.getFirst().id()) == State.SENT);
        assertThat(outbox.failuresLeft()).isZero();
    }

    /**
     * The in-memory outbox as a second process and a real database would show it to the relay: rows can be hidden
     * (inserted with an id but not yet committed), reads can fail, and every read is recorded.
     */
    private static final class WatchedOutbox extends ForwardingOutbox {

        private final InMemoryOutbox rows;
        private final Set<Long> hidden = ConcurrentHashMap.newKeySet();
        private final List<Long> readStarts = new CopyOnWriteArrayList<>();
        private final List<Integer> readSizes = new CopyOnWriteArrayList<>();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicReference<Runnable> beforeReturn = new AtomicReference<>();
        private volatile CountDownLatch returned = new CountDownLatch(0);

        WatchedOutbox(InMemoryOutbox rows) {
            super(rows);
            this.rows = rows;
        }

        void hide(long id) {
            hidden.add(id);
        }

        void reveal(long id) {
            hidden.remove(id);
        }

        void failNextReads(int count) {
            failures.set(count);
        }

        int failuresLeft() {
            return failures.get();
        }

        void beforeNextReadReturns(Runnable action, CountDownLatch done) {
            returned = done;
            beforeReturn.set(action);
        }

        int reads() {
            return readStarts.size();
        }

        List<Long> readStarts() {
            return List.copyOf(readStarts);
        }

        /** Some read returned the thirty reports and a later one began, so the pass that offered them is over. */
        boolean returnedAllThirtyAndReadAgain() {
            int index = readSizes.indexOf(30);
            return index >= 0 && readStarts.size() > index + 1;
        }

        State stateOf(long id) {
            return rows.stateOf(id).orElseThrow();
        }

        @Override
        public List<QueuedMessage> claim(String owner, long afterId, int limit, Instant now, Instant dueBy,
                                         Instant leaseUntil, boolean includeOwn) {
            if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                readStarts.add(afterId);
                readSizes.add(-1);
                throw new StorageException("claim pending messages: connection refused");
            }
            List<QueuedMessage> claimed = rows.claim(owner, afterId, limit + hidden.size(), now, dueBy, leaseUntil,
                    includeOwn);
            // A row not committed yet cannot be claimed: as if the claim had never seen it.
            rows.releaseClaims(owner, claimed.stream().map(QueuedMessage::id).filter(hidden::contains).toList());
            List<QueuedMessage> visible = claimed.stream().filter(row -> !hidden.contains(row.id())).toList();
            List<QueuedMessage> page = visible.subList(0, Math.min(limit, visible.size()));
            rows.releaseClaims(owner, visible.subList(page.size(), visible.size()).stream()
                    .map(QueuedMessage::id).toList());
            Runnable action = beforeReturn.getAndSet(null);
            if (action != null) {
                action.run();
            }
            readSizes.add(page.size());
            readStarts.add(afterId);
            returned.countDown();
            return page;
        }
    }
}
