package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.pipeline.PipelineRig.Run;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryUpdateInbox.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpdatePipelineTest {

    private static final Duration STOP = Duration.ofSeconds(20);

    private final PipelineRig rig = new PipelineRig();
    private final List<Run> runs = new ArrayList<>();

    private UpdatePipeline started(WorkerSettings settings) {
        Run run = rig.run(settings);
        runs.add(run);
        run.pipeline().start();
        return run.pipeline();
    }

    @AfterEach
    void stopEverything() {
        runs.forEach(run -> run.pipeline().stop(STOP));
    }

    @Test
    void everyUpdateOfManyChatsIsHandledOnceAndInOrderWithinItsChat() {
        UpdatePipeline pipeline = started(PipelineRig.QUICK);
        int chats = 50;
        int perChat = 40;
        List<InboundUpdate> all = new ArrayList<>();
        long updateId = 1;
        for (int round = 0; round < perChat; round++) {
            for (long chat = 1; chat <= chats; chat++) {
                all.add(text(updateId++, chat, chat + ":" + round));
            }
        }

        int fresh = 0;
        for (int from = 0; from < all.size(); from += 100) {
            fresh += pipeline.receive(all.subList(from, from + 100));
        }
        // The channel delivers a batch again (it was not confirmed in time): nothing new.
        int again = pipeline.receive(all.subList(500, 700));

        assertThat(fresh).isEqualTo(chats * perChat);
        assertThat(again).isZero();
        Poll.until("every reply sent", () -> rig.telegram.sent().size() == chats * perChat);
        for (long chat = 1; chat <= chats; chat++) {
            long c = chat;
            List<String> expected = IntStream.range(0, perChat).mapToObj(round -> c + ":" + round).toList();
            assertThat(rig.conversation.handledIn(chat(chat))).containsExactlyElementsOf(expected);
            assertThat(rig.telegram.textsTo(chat(chat))).containsExactlyElementsOf(
                    expected.stream().map(text -> "echo " + text).toList());
        }
        assertThat(all).allSatisfy(update -> {
            assertThat(rig.conversation.callsFor(((ChatInput.Text) update.input()).text())).isOne();
            assertThat(rig.inbox.stateOf(update.updateId())).contains(State.DONE);
        });
        assertThat(rig.metrics.received.get()).isEqualTo(chats * perChat);
        assertThat(rig.metrics.processed.get()).isEqualTo(chats * perChat);
        assertThat(rig.metrics.messages("sent")).isEqualTo(chats * perChat);
    }

    @Test
    void aSlowChatDoesNotHoldUpOtherChats() throws InterruptedException {
        UpdatePipeline pipeline = started(PipelineRig.QUICK);
        CountDownLatch release = rig.conversation.holdOn("slow");

        pipeline.receive(List.of(text(1, 1, "slow"), text(2, 1, "after slow"), text(3, 2, "a"), text(4, 2, "b"),
                text(5, 3, "c")));

        Poll.until("the other chats answered", () -> rig.telegram.sent().size() == 3);
        assertThat(rig.conversation.entered("slow").await(0, TimeUnit.SECONDS)).isTrue();
        assertThat(rig.telegram.textsTo(chat(1))).isEmpty();
        assertThat(rig.telegram.textsTo(chat(2))).containsExactly("echo a", "echo b");
        release.countDown();
        Poll.until("the slow chat answered", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo slow", "echo after slow");
    }

    @Test
    void anUrgentUpdateWaitingForAThreadIsTakenBeforeOrdinaryOnesThatArrivedEarlier() throws InterruptedException {
        UpdatePipeline pipeline = started(PipelineRig.QUICK);
        rig.conversation.treatAsOrdinary(text -> text.startsWith("question"));
        // Every chat thread busy, so that what arrives next waits in the pool's queue.
        // One at a time: updates received together would be taken together, by one thread.
        List<CountDownLatch> busy = new ArrayList<>();
        for (int i = 0; i < ChatWorkers.CHAT_THREADS; i++) {
            busy.add(rig.conversation.holdOn("busy " + i));
            pipeline.receive(List.of(text(1_000 + i, 1_000 + i, "busy " + i)));
            assertThat(rig.conversation.entered("busy " + i).await(10, TimeUnit.SECONDS)).isTrue();
        }

        try {
            pipeline.receive(List.of(text(1, 1, "question 1"), text(2, 2, "question 2"),
                    text(3, 3, "question 3"), text(4, 4, "menu")));
            // One thread comes free: it takes the menu, then the questions in their order.
            busy.getFirst().countDown();
            Poll.until("the freed thread handled all four", () -> rig.conversation.handledInOrder().size() == 5);
            assertThat(rig.conversation.handledInOrder())
                    .containsExactly("busy 0", "menu", "question 1", "question 2", "question 3");
        } finally {
            busy.forEach(CountDownLatch::countDown);
        }
        Poll.until("everything answered", () -> rig.telegram.sent().size() == ChatWorkers.CHAT_THREADS + 4);
    }

    @Test
    void aStorageFailureIsRetriedAndTheUpdateHandledOnceInItsPlace() {
        UpdatePipeline pipeline = started(PipelineRig.QUICK);
        rig.conversation.failOnceWithStorageError("flaky");

        pipeline.receive(List.of(text(1, 1, "flaky"), text(2, 1, "next")));

        Poll.until("both answered", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo flaky", "echo next");
        assertThat(rig.conversation.callsFor("flaky")).isEqualTo(2);
        assertThat(rig.inbox.stateOf(1)).contains(State.DONE);
        assertThat(rig.metrics.processed.get()).isEqualTo(2);
        assertThat(rig.metrics.failed.get()).isZero();
    }

    @Test
    void aBugMarksTheUpdateFailedAnswersWithAnApologyAndTheChatGoesOn() {
        UpdatePipeline pipeline = started(PipelineRig.QUICK);
        rig.conversation.failWithBug("boom");

        pipeline.receive(List.of(text(1, 1, "boom"), text(2, 1, "next")));

        Poll.until("both answered", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly(ScriptedConversation.APOLOGY, "echo next");
        assertThat(rig.inbox.stateOf(1)).contains(State.FAILED);
        assertThat(rig.inbox.errorOf(1)).hasValueSatisfying(error -> assertThat(error)
                .contains("IllegalStateException"));
        assertThat(rig.inbox.stateOf(2)).contains(State.DONE);
        assertThat(rig.conversation.callsFor("boom")).isOne();
        assertThat(rig.metrics.failed.get()).isOne();
    }

    @Test
    void whenTheInboxCannotStoreTheBatchTheCallerIsToldAndNothingIsHandled() {
        UpdateInbox failing = new FailingInbox(rig.inbox);
        Run run = rig.run(PipelineRig.QUICK, failing);
        runs.add(run);
        run.pipeline().start();

        assertThatThrownBy(() -> run.pipeline().receive(List.of(text(1, 1, "lost?"))))
                .isInstanceOf(StorageException.class);
        assertThat(run.pipeline().stop(STOP)).isTrue();
        assertThat(rig.conversation.callsFor("lost?")).isZero();
        assertThat(rig.metrics.received.get()).isZero();
    }

    @Test
    void receivingBeforeStartIsRefusedSoTheChannelDoesNotConfirm() {
        Run run = rig.run(PipelineRig.QUICK);

        assertThatThrownBy(() -> run.pipeline().receive(List.of(text(1, 1, "early"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(rig.inbox.stateOf(1)).isEmpty();
    }

    @Test
    void aRestartResumesPendingUpdatesAndPendingMessagesInOrder() {
        // What a crashed run left behind: stored but unhandled updates, committed but unsent replies.
        Instant before = rig.clock.instant();
        rig.inbox.store(List.of(text(1, 1, "a"), text(2, 2, "b"), text(3, 1, "c")), before);
        rig.inbox.markDone(2, before);
        var unsent = rig.outbox.enqueue(List.<Outgoing>of(Chats.message(1, "reply from before"),
                Chats.message(2, "echo b")), before);

        UpdatePipeline pipeline = started(PipelineRig.QUICK);
        pipeline.receive(List.of(text(4, 1, "d"), text(3, 1, "c")));

        Poll.until("everything answered", () -> rig.telegram.sent().size() == 5);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("reply from before", "echo a", "echo c", "echo d");
        assertThat(rig.telegram.textsTo(chat(2))).containsExactly("echo b");
        assertThat(rig.conversation.callsFor("b")).isZero();
        assertThat(rig.conversation.callsFor("c")).isOne();
        // Sent marks are written in batches a few milliseconds after the sends.
        Poll.until("the resumed messages marked sent", () -> unsent.stream()
                .allMatch(queued -> rig.outbox.stateOf(queued.id()).equals(Optional.of(InMemoryOutbox.State.SENT))));
    }

    @Test
    void stopFinishesQueuedAndRunningUpdatesAndSendsTheirReplies() throws Exception {
        UpdatePipeline pipeline = started(PipelineRig.QUICK);
        CountDownLatch release = rig.conversation.holdOn("long");
        pipeline.receive(List.of(text(1, 1, "long"), text(2, 1, "queued behind"), text(3, 2, "other")));
        assertThat(rig.conversation.entered("long").await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> pipeline.stop(STOP));
        release.countDown();

        assertThat(stopped.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo long", "echo queued behind");
        assertThat(rig.telegram.textsTo(chat(2))).containsExactly("echo other");
        assertThat(List.of(1L, 2L, 3L)).allSatisfy(id -> assertThat(rig.inbox.stateOf(id)).contains(State.DONE));
        assertThatThrownBy(() -> pipeline.receive(List.of(text(4, 1, "too late"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stopLeavesNoThreadsBehind() {
        Set<Thread> before = liveNonDaemonThreads();
        Run run = rig.run(PipelineRig.QUICK);
        runs.add(run);
        run.pipeline().start();
        run.pipeline().receive(List.of(text(1, 1, "hello"), text(2, 2, "hi")));

        assertThat(run.pipeline().stop(STOP)).isTrue();

        assertThat(run.workers().terminated()).isTrue();
        assertThat(run.relay().terminated()).isTrue();
        assertThat(liveNonDaemonThreads()).isSubsetOf(before);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.isAlive()
                && (thread.getName().startsWith("chat-") || thread.getName().startsWith("outbox-")));
    }

    @Test
    void anUpdateStillRunningAtTheStopTimeoutStaysPendingAndIsHandledAfterRestart() throws Exception {
        Run first = rig.run(PipelineRig.QUICK);
        first.pipeline().start();
        rig.conversation.holdOn("stuck");
        first.pipeline().receive(List.of(text(1, 1, "stuck"), text(2, 1, "behind")));
        assertThat(rig.conversation.entered("stuck").await(20, TimeUnit.SECONDS)).isTrue();

        assertThat(first.pipeline().stop(Duration.ofMillis(100))).isFalse();

        assertThat(first.workers().terminated()).isTrue();
        assertThat(rig.inbox.stateOf(1)).contains(State.PENDING);
        assertThat(rig.inbox.stateOf(2)).contains(State.PENDING);
        assertThat(rig.telegram.sent()).isEmpty();

        rig.conversation.stopHolding("stuck");
        started(PipelineRig.QUICK);
        Poll.until("both answered after the restart", () -> rig.telegram.textsTo(chat(1)).size() == 2);
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo stuck", "echo behind");
    }

    @Test
    void typingIsShownWhileAnUpdateTakesLongButNotForAQuickOne() {
        // A second: the quick chat's first handling (cold code) finishes well before it even on a loaded machine.
        WorkerSettings typingSoon = new WorkerSettings(Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ofMillis(10), Duration.ofMillis(50));
        UpdatePipeline pipeline = started(typingSoon);
        CountDownLatch release = rig.conversation.holdOn("think hard");

        pipeline.receive(List.of(text(1, 1, "think hard"), text(2, 2, "quick")));

        Poll.until("typing shown in the slow chat", () -> rig.telegram.typingShownIn().contains(chat(1)));
        Poll.until("the quick chat answered", () -> rig.telegram.textsTo(chat(2)).size() == 1);
        release.countDown();
        Poll.until("the slow chat answered", () -> rig.telegram.textsTo(chat(1)).size() == 1);
        assertThat(rig.telegram.typingShownIn()).doesNotContain(chat(2));
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.isAlive() && !thread.isDaemon())
                .collect(Collectors.toSet());
    }

    /** An inbox whose database is gone: storing fails. */
    private static final class FailingInbox extends ForwardingInbox {

        FailingInbox(UpdateInbox delegate) {
            super(delegate);
        }

        @Override
        public Stored store(List<InboundUpdate> updates, Instant receivedAt) {
            throw new StorageException("connection refused");
        }
    }
}
