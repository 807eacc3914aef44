package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.pipeline.PipelineRig.Run;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.testing.FakeTransaction;
import io.mentorium.application.testing.InMemoryUpdateInbox.State;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.learner.LinkCode;
import io.mentorium.domain.shared.Email;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chats' updates that wait for a thread are handled together, in one transaction, and that changes nothing else: an
 * update that fails or needs the platform leaves the batch and is handled alone, holding up none of the others.
 *
 * <p>Each test first makes every chat thread busy with a held update, so that what arrives next waits in the pool's
 * queue; then frees one thread, which takes the waiting chats together.
 */
class HandledTogetherTest {

    private static final Duration STOP = Duration.ofSeconds(20);

    private final PipelineRig rig = new PipelineRig();
    private final CountingTransactions transactions = new CountingTransactions();
    private final List<Run> runs = new ArrayList<>();
    private final List<CountDownLatch> busy = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        busy.forEach(CountDownLatch::countDown);
        runs.forEach(run -> run.pipeline().stop(STOP));
    }

    @Test
    void chatsWaitingForAThreadAreHandledTogetherInOneTransaction() throws InterruptedException {
        UpdatePipeline pipeline = startedWithEveryThreadBusy(rig.conversation);
        pipeline.receive(waiting(10));
        int before = transactions.count();

        busy.getFirst().countDown();

        Poll.until("the ten chats answered", () -> answered(10));
        // The held update's own transaction had begun before; the ten chats took exactly one more.
        assertThat(transactions.count() - before).isEqualTo(1);
        for (int chat = 1; chat <= 10; chat++) {
            assertThat(rig.telegram.textsTo(chat(chat))).containsExactly("echo update " + chat);
            assertThat(rig.inbox.stateOf(chat)).contains(State.DONE);
        }
    }

    @Test
    void anUpdateThatFailsAmongOthersIsSetAsideAloneAndTheOthersAreHandledOnce() throws InterruptedException {
        rig.conversation.failWithBug("update 2");
        rig.conversation.failOnceWithStorageError("update 4");
        UpdatePipeline pipeline = startedWithEveryThreadBusy(rig.conversation);

        pipeline.receive(waiting(5));
        busy.getFirst().countDown();

        Poll.until("the five chats answered", () -> answered(5));
        assertThat(rig.telegram.textsTo(chat(2))).containsExactly(ScriptedConversation.APOLOGY);
        assertThat(rig.inbox.stateOf(2)).contains(State.FAILED);
        for (int chat : new int[] {1, 3, 4, 5}) {
            assertThat(rig.telegram.textsTo(chat(chat))).containsExactly("echo update " + chat);
            assertThat(rig.conversation.handledIn(chat(chat))).containsExactly("update " + chat);
            assertThat(rig.inbox.stateOf(chat)).contains(State.DONE);
        }
    }

    @Test
    void anUpdateThatNeedsThePlatformLeavesTheBatchAndTheOthersAnswerWhileItReads() throws InterruptedException {
        CountDownLatch platformEntered = new CountDownLatch(1);
        CountDownLatch platformAnswers = new CountDownLatch(1);
        LearnerDirectory slowPlatform = new LearnerDirectory() {
            @Override
            public List<Learner> findByIds(Collection<LearnerId> ids) {
                return List.of();
            }

            @Override
            public List<LinkCode> findCodesForGuardian(Email email, String typedCode) {
                if (transactions.inside()) {
                    throw new AssertionError("platform read inside a bot transaction");
                }
                platformEntered.countDown();
                await(platformAnswers);
                return List.of();
            }
        };
        LearnerDirectory deferred = PlatformReadScope.deferred(slowPlatform);
        ConverseWithParent converse = new ForwardingConversation(rig.conversation) {
            @Override
            public List<Outgoing> handle(ChatInput input) {
                if (input instanceof ChatInput.Text text && text.text().equals("link")) {
                    List<LinkCode> codes = deferred.findCodesForGuardian(new Email("a@example.com"), "123456");
                    return List.of(new SendText(input.sender().chatId(), codes.isEmpty() ? "no such code" : "linked"));
                }
                return super.handle(input);
            }
        };
        UpdatePipeline pipeline = startedWithEveryThreadBusy(converse);

        pipeline.receive(List.of(text(1, 1, "update 1"), text(2, 2, "link"), text(3, 3, "update 3")));
        busy.getFirst().countDown();

        assertThat(platformEntered.await(20, TimeUnit.SECONDS)).isTrue();
        Poll.until("the other chats answered while the platform is slow", () ->
                rig.telegram.textsTo(chat(1)).size() == 1 && rig.telegram.textsTo(chat(3)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(2))).isEmpty();
        platformAnswers.countDown();
        Poll.until("the linking chat answered", () -> rig.telegram.textsTo(chat(2)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(2))).containsExactly("no such code");
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo update 1");
    }

    /** Starts a pipeline and fills every chat thread with an update held until its latch in {@link #busy} opens. */
    private UpdatePipeline startedWithEveryThreadBusy(ConverseWithParent converse) throws InterruptedException {
        Run run = rig.run(PipelineRig.QUICK, rig.inbox, rig.outbox, transactions, converse);
        runs.add(run);
        run.pipeline().start();
        List<InboundUpdate> occupying = new ArrayList<>();
        for (int i = 0; i < ChatWorkers.CHAT_THREADS; i++) {
            busy.add(rig.conversation.holdOn("busy " + i));
            occupying.add(text(1_000 + i, 1_000 + i, "busy " + i));
        }
        run.pipeline().receive(occupying);
        for (int i = 0; i < ChatWorkers.CHAT_THREADS; i++) {
            assertThat(rig.conversation.entered("busy " + i).await(10, TimeUnit.SECONDS)).isTrue();
        }
        return run.pipeline();
    }

    /** One update from each of chats 1..n, update id = chat. */
    private static List<InboundUpdate> waiting(int chats) {
        List<InboundUpdate> updates = new ArrayList<>();
        for (int chat = 1; chat <= chats; chat++) {
            updates.add(text(chat, chat, "update " + chat));
        }
        return updates;
    }

    private boolean answered(int chats) {
        for (int chat = 1; chat <= chats; chat++) {
            if (rig.telegram.textsTo(chat(chat)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Transactions per thread, without serialising threads, counted; knows whether this thread is inside one. */
    private static final class CountingTransactions implements TransactionRunner {

        private final AtomicInteger count = new AtomicInteger();
        private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);

        int count() {
            return count.get();
        }

        boolean inside() {
            return inside.get();
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (inside.get()) {
                return work.get();
            }
            count.incrementAndGet();
            inside.set(true);
            try {
                return FakeTransaction.run(work);
            } finally {
                inside.set(false);
            }
        }
    }

    /** Passes everything to another conversation; a test overrides what it changes. */
    private static class ForwardingConversation implements ConverseWithParent {

        private final ConverseWithParent delegate;

        ForwardingConversation(ConverseWithParent delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean urgent(ChatInput input) {
            return delegate.urgent(input);
        }

        @Override
        public List<Outgoing> handle(ChatInput input) {
            return delegate.handle(input);
        }

        @Override
        public List<Outgoing> apologize(ChatInput input) {
            return delegate.apologize(input);
        }
    }
}
