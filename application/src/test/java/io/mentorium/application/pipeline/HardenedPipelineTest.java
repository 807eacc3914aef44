package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.pipeline.PipelineRig.Run;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.StorageException.Category;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.testing.FakeTransaction;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryUpdateInbox.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What no update may do to the pipeline: stop it, block its chat or anyone else's, be handled twice, or make it hold
 * more than its bounds. Each test injects one failure on the way to the "database" and checks the rest goes on.
 */
class HardenedPipelineTest {

    private static final Duration STOP = Duration.ofSeconds(20);
    private static final WorkerSettings THREE_ATTEMPTS = new WorkerSettings(Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofMillis(5), Duration.ofMillis(20), 3, 10_000);

    private final PipelineRig rig = new PipelineRig();
    private final List<Run> runs = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        runs.forEach(run -> run.pipeline().stop(STOP));
    }

    private Run started(Run run) {
        runs.add(run);
        run.pipeline().start();
        return run;
    }

    @Test
    void a_transient_failure_that_never_ends_is_given_up_after_the_attempts_and_the_chat_goes_on() {
        rig.conversation.failAlwaysInStorage("cursed", Category.TRANSIENT);
        UpdatePipeline pipeline = started(rig.run(THREE_ATTEMPTS)).pipeline();

        pipeline.receive(List.of(text(1, 1, "cursed"), text(2, 1, "after"), text(3, 2, "other chat")));

        Poll.until("the chat goes on past the poison", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly(ScriptedConversation.APOLOGY, "echo after");
        assertThat(rig.conversation.callsFor("cursed")).isEqualTo(3);
        assertThat(rig.inbox.stateOf(1)).contains(State.FAILED);
        assertThat(rig.inbox.deadLetter(1)).hasValueSatisfying(letter -> {
            assertThat(letter.stage()).isEqualTo(UpdateInbox.Stage.HANDLE);
            assertThat(letter.chatId()).isEqualTo(1);
            assertThat(letter.reason()).contains("3 times");
        });
        Poll.until("the other chat answered", () -> rig.telegram.textsTo(chat(2)).size() == 1);
        assertThat(rig.metrics.quarantined("handle")).isOne();
    }

    @Test
    void a_chat_that_waits_to_retry_is_shown_no_typing() {
        // Typing would show after 500 ms; the waits to retry are longer than that, and the chat must stay quiet
        // throughout. Half a second leaves the first attempt time to fail on a loaded machine before typing is due.
        WorkerSettings typingSoon = new WorkerSettings(Duration.ofMillis(500), Duration.ofMillis(50),
                Duration.ofMillis(600), Duration.ofMillis(700), 4, 10_000);
        rig.conversation.failAlwaysInStorage("cursed", Category.TRANSIENT);
        UpdatePipeline pipeline = started(rig.run(typingSoon)).pipeline();

        pipeline.receive(List.of(text(1, 1, "cursed")));

        Poll.until("the apology after the last attempt", () -> rig.telegram.textsTo(chat(1)).size() == 1);
        assertThat(rig.conversation.callsFor("cursed")).isEqualTo(4);
        assertThat(rig.telegram.typingShownIn()).doesNotContain(chat(1));
    }

    @Test
    void a_permanent_storage_failure_is_not_retried() {
        rig.conversation.failAlwaysInStorage("constraint", Category.PERMANENT);
        UpdatePipeline pipeline = started(rig.run(THREE_ATTEMPTS)).pipeline();

        pipeline.receive(List.of(text(1, 1, "constraint"), text(2, 1, "next")));

        Poll.until("both answered", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly(ScriptedConversation.APOLOGY, "echo next");
        assertThat(rig.conversation.callsFor("constraint")).isOne();
        assertThat(rig.inbox.deadLetter(1)).hasValueSatisfying(letter ->
                assertThat(letter.reason()).contains("permanent"));
    }

    @Test
    void an_update_the_database_refuses_is_quarantined_alone_and_the_rest_of_its_batch_goes_on_at_once() {
        UpdateInbox refusing = new RefusingInbox(rig.inbox, 57);
        UpdatePipeline pipeline = started(rig.run(PipelineRig.QUICK, refusing, rig.outbox, rig.transactions,
                rig.conversation)).pipeline();
        List<InboundUpdate> batch = new ArrayList<>();
        for (long id = 50; id < 66; id++) {
            batch.add(text(id, id % 4 + 1, "u" + id));
        }

        int fresh = pipeline.receive(batch);

        assertThat(fresh).isEqualTo(15);
        assertThat(rig.inbox.deadLetter(57)).hasValueSatisfying(letter -> {
            assertThat(letter.stage()).isEqualTo(UpdateInbox.Stage.STORE);
            assertThat(letter.chatId()).isEqualTo(57 % 4 + 1);
            assertThat(letter.reason()).doesNotContain("u57");
        });
        assertThat(rig.inbox.stateOf(57)).isEmpty();
        Poll.until("the other 15 answered", () -> rig.telegram.sent().size() == 15);
        assertThat(rig.metrics.quarantined("store")).isOne();
    }

    @Test
    void a_pending_update_that_cannot_be_read_back_is_quarantined_and_start_goes_on() {
        rig.inbox.store(List.of(text(1, 1, "first"), text(3, 1, "third")), Instant.now());
        UpdateInbox withGarbage = new UnreadableInbox(rig.inbox, 2, 1);
        Run run = started(rig.run(PipelineRig.QUICK, withGarbage, rig.outbox, rig.transactions, rig.conversation));

        Poll.until("the readable ones answered", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo first", "echo third");
        assertThat(rig.inbox.deadLetter(2)).hasValueSatisfying(letter ->
                assertThat(letter.stage()).isEqualTo(UpdateInbox.Stage.DECODE));
        assertThat(rig.metrics.quarantined("decode")).isOne();
        assertThat(run.pipeline().receive(List.of(text(4, 1, "later")))).isOne();
    }

    @Test
    void a_lost_commit_acknowledgement_neither_handles_the_update_again_nor_loses_its_reply() {
        LosingAcknowledgements transactions = new LosingAcknowledgements("echo fragile");
        UpdatePipeline pipeline = started(rig.run(THREE_ATTEMPTS, rig.inbox, rig.outbox, transactions,
                rig.conversation)).pipeline();

        pipeline.receive(List.of(text(1, 1, "fragile"), text(2, 1, "next")));

        Poll.until("both answered", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(transactions.lost.get()).isTrue();
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo fragile", "echo next");
        assertThat(rig.conversation.callsFor("fragile")).isOne();
        assertThat(rig.inbox.stateOf(1)).contains(State.DONE);
    }

    @Test
    void updates_stored_by_a_batch_whose_acknowledgement_was_lost_reach_the_workers_when_it_is_retried() {
        // The first store commits, then the "connection" drops before the answer: the receiver retries the batch.
        AtomicBoolean dropOnce = new AtomicBoolean(true);
        UpdateInbox flaky = new ForwardingInbox(rig.inbox) {
            @Override
            public Stored store(List<InboundUpdate> updates, Instant receivedAt) {
                Stored stored = super.store(updates, receivedAt);
                if (dropOnce.getAndSet(false)) {
                    throw new StorageException("connection reset after commit");
                }
                return stored;
            }
        };
        UpdatePipeline pipeline = started(rig.run(PipelineRig.QUICK, flaky, rig.outbox, rig.transactions,
                rig.conversation)).pipeline();
        List<InboundUpdate> batch = List.of(text(1, 1, "a"), text(2, 2, "b"));

        boolean firstFailed = false;
        try {
            pipeline.receive(batch);
        } catch (StorageException expected) {
            firstFailed = true;
        }
        int fresh = pipeline.receive(batch);

        assertThat(firstFailed).isTrue();
        assertThat(fresh).isZero();
        Poll.until("both answered without a restart", () -> rig.telegram.sent().size() == 2);
        assertThat(rig.conversation.callsFor("a")).isOne();
    }

    @Test
    void a_mark_sent_that_fails_is_retried_until_it_is_written() {
        FailingMarks outbox = new FailingMarks(rig.outbox, 3);
        UpdatePipeline pipeline = started(rig.run(PipelineRig.QUICK, rig.inbox, outbox, rig.transactions,
                rig.conversation)).pipeline();

        pipeline.receive(List.of(text(1, 1, "hello")));

        Poll.until("the reply sent", () -> rig.telegram.textsTo(chat(1)).size() == 1);
        Poll.until("the reply marked sent", () -> rig.outbox.pending(0, 10).isEmpty());
        assertThat(outbox.failures.get()).isEqualTo(3);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo hello");
    }

    @Test
    void receiving_waits_for_room_when_the_workers_hold_their_limit_and_nothing_is_lost() throws Exception {
        WorkerSettings tiny = new WorkerSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(5),
                Duration.ofMillis(20), 3, 5);
        Run run = started(rig.run(tiny));
        CountDownLatch gate = rig.conversation.holdOn("1:0");
        List<InboundUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            updates.add(text(i + 1, i % 2 + 1, (i % 2 + 1) + ":" + i));
        }
        AtomicInteger maxHeld = new AtomicInteger();
        Thread receiver = Thread.ofVirtual().start(() -> run.pipeline().receive(updates));

        rig.conversation.entered("1:0").await(20, TimeUnit.SECONDS);
        Poll.until("the receiver waits for room", () -> {
            maxHeld.accumulateAndGet(run.workers().heldCount(), Math::max);
            return receiver.getState() == Thread.State.WAITING && run.workers().heldCount() == 5;
        });
        gate.countDown();
        receiver.join(Duration.ofSeconds(20));

        Poll.until("every update answered", () -> rig.telegram.sent().size() == 40);
        assertThat(maxHeld.get()).isLessThanOrEqualTo(5);
        assertThat(receiver.isAlive()).isFalse();
    }

    @Test
    void a_slow_platform_read_holds_no_transaction_so_other_chats_answer_meanwhile() throws Exception {
        // One "connection" for the whole bot database: a platform read inside a transaction would hold it and stall
        // every other chat until the platform answered.
        CountedConnections transactions = new CountedConnections(1);
        SlowPlatform platform = new SlowPlatform(transactions::inside);
        ConverseWithParent converse = new SlowPlatform.LinkingConversation(PlatformReadScope.deferred(platform),
                rig.conversation);
        UpdatePipeline pipeline = started(rig.run(PipelineRig.QUICK, rig.inbox, rig.outbox, transactions,
                converse)).pipeline();

        pipeline.receive(List.of(text(1, 1, "link")));
        assertThat(platform.awaitLookup()).isTrue();
        pipeline.receive(List.of(text(2, 2, "menu"), text(3, 3, "menu")));

        Poll.until("other chats answered while the platform is slow", () ->
                rig.telegram.textsTo(chat(2)).size() == 1 && rig.telegram.textsTo(chat(3)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(1))).isEmpty();
        platform.answer();
        Poll.until("the linking chat answered", () -> rig.telegram.textsTo(chat(1)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("no such code");
    }

    /** Commits, then reports a lost connection once for the transaction that queued the given reply. */
    private static final class LosingAcknowledgements implements TransactionRunner {

        private final String reply;
        final AtomicBoolean lost = new AtomicBoolean();

        LosingAcknowledgements(String reply) {
            this.reply = reply;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            T result = FakeTransaction.run(work);
            if (result instanceof java.util.Optional<?> optional && optional.isPresent()
                    && optional.get() instanceof List<?> queued && !queued.isEmpty()
                    && queued.getFirst() instanceof Outbox.QueuedMessage message
                    && message.message() instanceof SendText text && text.text().equals(reply)
                    && lost.compareAndSet(false, true)) {
                throw new StorageException("connection lost while committing");
            }
            return result;
        }
    }

    /** Refuses for good any batch that holds the given update, as PostgreSQL refused a NUL in a jsonb column. */
    private static final class RefusingInbox extends ForwardingInbox {

        private final long poison;

        RefusingInbox(UpdateInbox delegate, long poison) {
            super(delegate);
            this.poison = poison;
        }

        @Override
        public Stored store(List<InboundUpdate> updates, Instant receivedAt) {
            if (updates.stream().anyMatch(update -> update.updateId() == poison)) {
                throw new StorageException(Category.PERMANENT, "Could not store updates (SQLState 22P05)");
            }
            return super.store(updates, receivedAt);
        }
    }

    /** Reads one stored update back as garbage. */
    private static final class UnreadableInbox extends ForwardingInbox {

        private final long updateId;
        private final long chatId;
        private final Set<Long> quarantined = ConcurrentHashMap.newKeySet();

        UnreadableInbox(UpdateInbox delegate, long updateId, long chatId) {
            super(delegate);
            this.updateId = updateId;
            this.chatId = chatId;
        }

        @Override
        public List<Pending> pending(long afterUpdateId, int limit) {
            List<Pending> pending = new ArrayList<>(super.pending(afterUpdateId, limit));
            if (afterUpdateId < updateId && !quarantined.contains(updateId)) {
                pending.add(1, new Pending.Unreadable(updateId, chatId, "undecodable payload"));
            }
            return pending;
        }

        @Override
        public boolean quarantine(DeadLetter letter) {
            quarantined.add(letter.updateId());
            return super.quarantine(letter);
        }
    }

    /** An outbox whose batched sent marks fail the first few times. */
    private static final class FailingMarks extends ForwardingOutbox {

        private final int failFirst;
        final AtomicInteger failures = new AtomicInteger();

        FailingMarks(InMemoryOutbox delegate, int failFirst) {
            super(delegate);
            this.failFirst = failFirst;
        }

        @Override
        public int markSent(Collection<Long> ids, Instant at) {
            if (failures.get() < failFirst) {
                failures.incrementAndGet();
                throw new StorageException("connection refused");
            }
            return delegate.markSent(ids, at);
        }
    }
}
