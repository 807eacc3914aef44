package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.pipeline.PipelineRig.Run;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.testing.InMemoryUpdateInbox.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Chats' updates that wait for a thread, or arrive in a burst, are handled together, in one transaction, and that
 * changes nothing else: an update that fails or needs the platform leaves the batch and is handled alone, holding up
 * none of the others.
 *
 * <p>Each test first makes every chat thread busy with a held update, so that what arrives next waits in the pool's
 * queue; then frees one thread, which takes the waiting chats together.
 */
class HandledTogetherTest {

    private static final Duration STOP = Duration.ofSeconds(20);

    private final PipelineRig rig = new PipelineRig();
    private final CountedConnections transactions = new CountedConnections(ChatWorkers.CHAT_THREADS + 1);
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
        // What their turns read first was asked for once, for all ten.
        assertThat(rig.conversation.readAhead()).singleElement().satisfies(chats -> assertThat(chats)
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 10).mapToObj(Chats::chat).toList()));
        for (int chat = 1; chat <= 10; chat++) {
            assertThat(rig.telegram.textsTo(chat(chat))).containsExactly("echo update " + chat);
            assertThat(rig.inbox.stateOf(chat)).contains(State.DONE);
        }
    }

    @Test
    void menusWaitingWithQuestionsAreTakenTogetherApartFromThem() throws InterruptedException {
        rig.conversation.treatAsOrdinary(text -> text.startsWith("question"));
        UpdatePipeline pipeline = startedWithEveryThreadBusy(rig.conversation);
        List<InboundUpdate> updates = new ArrayList<>();
        for (int chat = 1; chat <= 10; chat++) {
            updates.add(text(chat, chat, "question " + chat));
        }
        for (int chat = 11; chat <= 13; chat++) {
            updates.add(text(chat, chat, "menu " + chat));
        }
        pipeline.receive(updates);

        busy.getFirst().countDown();

        Poll.until("the thirteen chats answered", () -> answered(13));
        // The menus first, in a transaction of their own; the questions in another, not filling up the menus' one.
        assertThat(rig.conversation.readAhead()).hasSize(2);
        assertThat(rig.conversation.readAhead().get(0)).containsExactlyInAnyOrder(chat(11), chat(12), chat(13));
        assertThat(rig.conversation.readAhead().get(1)).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 10).mapToObj(Chats::chat).toList());
        // Their handling times are told apart for operators: the menus (and the held update) as urgent.
        Poll.until("the questions counted",
                () -> rig.metrics.processed.get() - rig.metrics.processedUrgent.get() >= 10);
        Poll.until("the menus counted", () -> rig.metrics.processedUrgent.get() >= 3);
        assertThat(rig.metrics.processed.get() - rig.metrics.processedUrgent.get()).isEqualTo(10);
    }

    @Test
    void aBurstIsTakenSixteenChatsToATransactionAndAFewArrivingAtAQuietBotSideBySide() throws InterruptedException {
        Run run = rig.run(PipelineRig.QUICK, rig.inbox, rig.outbox, transactions, rig.conversation);
        runs.add(run);
        run.pipeline().start();

        int before = transactions.count();
        run.pipeline().receive(waiting(100));
        Poll.until("the hundred chats answered", () -> answered(100));
        // One to store the hundred, then sixteen chats to a transaction: not a thread per chat, each of which took its
        // own turn before the first could take more.
        assertThat(transactions.count() - before).isEqualTo(1 + (100 + ChatWorkers.MAX_TOGETHER - 1)
                / ChatWorkers.MAX_TOGETHER);

        // A few at a quiet bot: each on a thread of its own, so that one held chat holds up none of the others.
        CountDownLatch held = rig.conversation.holdOn("held");
        busy.add(held);
        run.pipeline().receive(List.of(text(201, 201, "held"), text(202, 202, "update 202"),
                text(203, 203, "update 203")));
        Poll.until("the chats beside the held one answered", () -> rig.telegram.textsTo(chat(202)).size() == 1
                && rig.telegram.textsTo(chat(203)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(201))).isEmpty();
        held.countDown();
        Poll.until("the held chat answered", () -> rig.telegram.textsTo(chat(201)).size() == 1);
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
        SlowPlatform platform = new SlowPlatform(transactions::inside);
        UpdatePipeline pipeline = startedWithEveryThreadBusy(new SlowPlatform.LinkingConversation(
                PlatformReadScope.deferred(platform), rig.conversation));

        pipeline.receive(List.of(text(1, 1, "update 1"), text(2, 2, "link"), text(3, 3, "update 3")));
        busy.getFirst().countDown();

        assertThat(platform.awaitLookup()).isTrue();
        Poll.until("the other chats answered while the platform is slow", () ->
                rig.telegram.textsTo(chat(1)).size() == 1 && rig.telegram.textsTo(chat(3)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(2))).isEmpty();
        platform.answer();
        Poll.until("the linking chat answered", () -> rig.telegram.textsTo(chat(2)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(2))).containsExactly("no such code");
        assertThat(rig.telegram.textsTo(chat(1))).containsExactly("echo update 1");
    }

    @Test
    void updatesThatLeaveABatchForThePlatformReadOnDifferentThreadsNotOneAfterTheOther() throws InterruptedException {
        SlowPlatform platform = new SlowPlatform(transactions::inside, 2);
        UpdatePipeline pipeline = startedWithEveryThreadBusy(new SlowPlatform.LinkingConversation(
                PlatformReadScope.deferred(platform), rig.conversation));

        pipeline.receive(List.of(text(1, 1, "update 1"), text(2, 2, "link 2"), text(3, 3, "link 3")));
        busy.get(0).countDown();
        Poll.until("the chat that needs no platform answered", () -> rig.telegram.textsTo(chat(1)).size() == 1);
        busy.get(1).countDown();

        // Both lookups under way at once: the second did not wait for the first, which the platform holds.
        assertThat(platform.awaitLookup()).isTrue();
        platform.answer();
        Poll.until("both linking chats answered", () ->
                rig.telegram.textsTo(chat(2)).size() == 1 && rig.telegram.textsTo(chat(3)).size() == 1);
        assertThat(rig.telegram.textsTo(chat(2))).containsExactly("no such code");
        assertThat(rig.telegram.textsTo(chat(3))).containsExactly("no such code");
    }

    /** Starts a pipeline and fills every chat thread with an update held until its latch in {@link #busy} opens. */
    private UpdatePipeline startedWithEveryThreadBusy(ConverseWithParent converse) throws InterruptedException {
        Run run = rig.run(PipelineRig.QUICK, rig.inbox, rig.outbox, transactions, converse);
        runs.add(run);
        run.pipeline().start();
        // One at a time: updates received together would be taken together, by one thread.
        for (int i = 0; i < ChatWorkers.CHAT_THREADS; i++) {
            busy.add(rig.conversation.holdOn("busy " + i));
            run.pipeline().receive(List.of(text(1_000 + i, 1_000 + i, "busy " + i)));
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
}
