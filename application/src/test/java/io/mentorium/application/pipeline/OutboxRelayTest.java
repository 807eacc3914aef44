package io.mentorium.application.pipeline;

import static io.mentorium.application.pipeline.Chats.chat;
import static io.mentorium.application.pipeline.Chats.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.pipeline.TimedMessenger.Attempt;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.service.RecordUnreachableChatService;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryOutbox.State;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.RecordingMessenger;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    private static final Duration FLUSH = Duration.ofSeconds(20);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final RecordingMessenger telegram = new RecordingMessenger();
    private final TimedMessenger messenger = new TimedMessenger(telegram, clock);
    private final CountingMetrics metrics = new CountingMetrics();
    private final List<OutboxRelay> relays = new ArrayList<>();

    /** Limits far above what the tests send, so only the limit a test sets on purpose shapes the timing. */
    static RelaySettings unhurried() {
        return new RelaySettings(10_000, Duration.ofMillis(1), 1_000, 64, Duration.ofMillis(20),
                Duration.ofMillis(200), 3, Duration.ofSeconds(5));
    }

    private OutboxRelay relay(RelaySettings settings) {
        var unreachable = new RecordUnreachableChatService(parents, outbox, new DirectTransactionRunner(), clock);
        OutboxRelay relay = new OutboxRelay(outbox, messenger, unreachable, metrics, clock, settings);
        relays.add(relay);
        return relay;
    }

    private OutboxRelay started(RelaySettings settings) {
        OutboxRelay relay = relay(settings);
        relay.start();
        return relay;
    }

    private List<QueuedMessage> enqueue(Outgoing... messages) {
        return outbox.enqueue(List.of(messages), clock.instant());
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
        assertThat(relays).allMatch(OutboxRelay::terminated);
    }

    @Test
    void messagesToEachChatAreSentInOutboxOrderAndMarkedSent() {
        OutboxRelay relay = started(unhurried());
        List<QueuedMessage> all = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (long chat = 1; chat <= 5; chat++) {
                all.addAll(enqueue(message(chat, "m" + round)));
            }
        }
        // Offered in several batches, as chat workers would.
        for (int from = 0; from < all.size(); from += 7) {
            relay.offer(all.subList(from, Math.min(all.size(), from + 7)));
        }

        assertThat(relay.flush(FLUSH)).isTrue();
        for (long chat = 1; chat <= 5; chat++) {
            assertThat(telegram.textsTo(chat(chat))).containsExactlyElementsOf(
                    IntStream.range(0, 10).mapToObj(round -> "m" + round).toList());
        }
        assertThat(all).allSatisfy(queued -> assertThat(outbox.stateOf(queued.id())).contains(State.SENT));
        assertThat(metrics.messages("sent")).isEqualTo(50);
    }

    @Test
    void aReplyReadAgainAsPendingWhileItWasSentAndMarkedIsNotSentTwice() {
        OutboxRelay relay = started(unhurried());
        List<QueuedMessage> queued = enqueue(message(1, "once"));

        // A worker reads an update's replies again (handled before) just before the relay, which had them from the
        // first worker, sends and marks them.
        relay.offerPending(() -> {
            List<QueuedMessage> read = List.copyOf(queued);
            relay.offer(queued);
            assertThat(relay.flush(FLUSH)).isTrue();
            return read;
        });

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(telegram.textsTo(chat(1))).containsExactly("once");
        assertThat(outbox.stateOf(queued.getFirst().id())).contains(State.SENT);
    }

    @Test
    void offeringAMessageTwiceSendsItOnce() {
        OutboxRelay relay = started(unhurried());
        List<QueuedMessage> queued = enqueue(message(1, "once"));

        relay.offer(queued);
        relay.offer(queued);

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(telegram.textsTo(chat(1))).containsExactly("once");
    }

    @Test
    void anOfferThatComesAfterItsMessageWasSentAndMarkedSendsNothing() {
        OutboxRelay relay = started(unhurried());
        List<QueuedMessage> queued = enqueue(message(1, "once"));
        // The pick-up found the committed reply first and sent it, and its mark was written, while the chat worker that
        // committed it was held up before offering it.
        relay.offer(queued);
        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(outbox.stateOf(queued.getFirst().id())).contains(State.SENT);

        relay.offer(queued);

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(telegram.textsTo(chat(1))).containsExactly("once");
    }

    @Test
    void startResumesPendingOutboxRowsInOrderAndHonoursTheirRetryTime() {
        List<QueuedMessage> earlier = enqueue(message(1, "a"), message(2, "b"), message(1, "c"));
        Instant retryAt = clock.instant().plusMillis(200);
        outbox.recordRetry(earlier.get(0).id(), 1, retryAt, "429");
        outbox.markSent(earlier.get(1).id(), clock.instant());

        OutboxRelay relay = started(unhurried());

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(telegram.textsTo(chat(1))).containsExactly("a", "c");
        assertThat(telegram.textsTo(chat(2))).isEmpty();
        assertThat(messenger.attemptsTo(chat(1)).getFirst().at()).isAfterOrEqualTo(retryAt);
    }

    @Test
    void retryAfterIsHonouredBeforeTheSameMessageIsTriedAgainAndTheChatKeepsItsOrder() {
        OutboxRelay relay = started(unhurried());
        telegram.answerNextWithRetryAfter(Duration.ofMillis(300));

        relay.offer(enqueue(message(1, "first"), message(1, "second")));

        assertThat(relay.flush(FLUSH)).isTrue();
        List<Attempt> attempts = messenger.attemptsTo(chat(1));
        assertThat(attempts).extracting(Attempt::result).first().isInstanceOf(SendResult.RetryAfter.class);
        assertThat(attempts).extracting(attempt -> ((SendText) attempt.message()).text())
                .containsExactly("first", "first", "second");
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(300));
        assertThat(telegram.textsTo(chat(1))).containsExactly("first", "second");
        assertThat(metrics.messages("retry")).isEqualTo(1);
        assertThat(metrics.messages("sent")).isEqualTo(2);
    }

    @Test
    void aRetryAfterPausesSendingToEveryChatNotOnlyTheOneThatGotIt() {
        OutboxRelay relay = started(unhurried());
        CountDownLatch held = messenger.holdSends();
        telegram.answerNextWithRetryAfter(Duration.ofMillis(400));

        relay.offer(enqueue(message(1, "refused")));
        Poll.until("the first send in flight", () -> messenger.running() == 1);
        held.countDown();
        // The relay pauses before it books the 429: once booked, the pause is in force (the attempt alone is recorded
        // by the messenger before the relay has seen its result).
        Poll.until("the 429 booked", () -> metrics.messages("retry") == 1);
        relay.offer(enqueue(message(2, "other chat")));

        assertThat(relay.flush(FLUSH)).isTrue();
        Attempt refused = messenger.attemptsTo(chat(1)).getFirst();
        Attempt other = messenger.attemptsTo(chat(2)).getFirst();
        assertThat(refused.result()).isInstanceOf(SendResult.RetryAfter.class);
        // Flood control is per bot: another chat's message waits out the pause too.
        assertThat(Duration.between(refused.at(), other.at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(telegram.textsTo(chat(2))).containsExactly("other chat");
        assertThat(outbox.pending(0, 10)).isEmpty();
    }

    @Test
    void aRetryableFailureIsRetriedWithGrowingWaitsAndGivenUpAfterTheLastAttempt() {
        OutboxRelay relay = started(unhurried());
        var serverError = new SendResult.Failed("500 Internal Server Error", true);
        telegram.answerNext(serverError, serverError, serverError);

        List<QueuedMessage> queued = enqueue(message(1, "doomed"), message(1, "next"));
        relay.offer(queued);

        assertThat(relay.flush(FLUSH)).isTrue();
        List<Attempt> attempts = messenger.attemptsTo(chat(1));
        assertThat(attempts).hasSize(4);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(20));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(40));
        assertThat(outbox.stateOf(queued.get(0).id())).contains(State.GIVEN_UP);
        assertThat(outbox.stateOf(queued.get(1).id())).contains(State.SENT);
        assertThat(telegram.textsTo(chat(1))).containsExactly("next");
        assertThat(metrics.messages("retry")).isEqualTo(2);
        assertThat(metrics.messages("failed")).isEqualTo(1);
    }

    @Test
    void aNonRetryableFailureGivesUpTheMessageAndTheNextOneStillGoes() {
        OutboxRelay relay = started(unhurried());
        telegram.answerNext(new SendResult.Failed("400 Bad Request: can't parse entities", false));

        List<QueuedMessage> queued = enqueue(message(1, "broken"), message(1, "fine"));
        relay.offer(queued);

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(messenger.attemptsTo(chat(1))).hasSize(2);
        assertThat(outbox.stateOf(queued.get(0).id())).contains(State.GIVEN_UP);
        assertThat(outbox.stateOf(queued.get(1).id())).contains(State.SENT);
        assertThat(telegram.textsTo(chat(1))).containsExactly("fine");
        assertThat(metrics.messages("failed")).isEqualTo(1);
    }

    @Test
    void aChatThatBlockedTheBotGetsNothingMoreAndItsParentIsMarkedUnreachable() {
        TelegramUserId parentId = new TelegramUserId(7);
        parents.save(Parent.register(parentId, chat(7), Language.EN, ParentRole.PARENT, clock.instant()));
        telegram.block(chat(7));
        OutboxRelay relay = started(unhurried());

        List<QueuedMessage> blocked = enqueue(message(7, "one"), message(7, "two"), message(7, "three"));
        List<QueuedMessage> other = enqueue(message(8, "hello"));
        relay.offer(blocked);
        relay.offer(other);

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(messenger.attemptsTo(chat(7))).hasSize(1);
        assertThat(blocked).allSatisfy(queued -> assertThat(outbox.stateOf(queued.id())).contains(State.GIVEN_UP));
        assertThat(parents.findById(parentId).orElseThrow().reachable()).isFalse();
        assertThat(telegram.textsTo(chat(8))).containsExactly("hello");
        assertThat(metrics.messages("blocked")).isEqualTo(1);
    }

    @Test
    void theGlobalRateHoldsOverEveryOneSecondWindowAtTheMessenger() {
        OutboxRelay relay = started(new RelaySettings(5, Duration.ofSeconds(1), 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 20).mapToObj(n -> message(n, "news"))
                .toArray(Outgoing[]::new)));

        assertThat(relay.flush(FLUSH)).isTrue();
        List<Instant> times = messenger.attempts().stream().map(Attempt::at).sorted().toList();
        assertThat(times).hasSize(20);
        // The messenger stamps each attempt a moment after the gate's decision, and on a loaded machine one stamp can
        // lag by more than the 200 ms spacing: one more is let into a window for that. Unpaced, all 20 would share one.
        assertThat(mostInAnyWindow(times, Duration.ofSeconds(1))).isLessThanOrEqualTo(5 + 2);
    }

    @Test
    void aSenderGoesOnToTheNextMessageThatMayGoAtOnceInsteadOfHandingItBackToTheDispatcher() {
        // One send at a time, no rate in the way: each message after the first is taken by the thread that sent the
        // one before it (handed back, the pool would start its second thread for the next).
        OutboxRelay relay = started(new RelaySettings(10_000, Duration.ofMillis(1), 1_000, 1, Duration.ofMillis(20),
                Duration.ofMillis(200), 3, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 20).mapToObj(n -> message(n, "m" + n))
                .toArray(Outgoing[]::new)));

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(messenger.attempts()).hasSize(20);
        assertThat(messenger.attempts().stream().map(Attempt::thread).distinct()).hasSize(1);
    }

    @Test
    void whileTheGlobalRateBindsASenderWaitsForSeveralSlotsItselfAndSendsThemTogether() {
        // One send at a time at 1,000 a second: once the gate's burst (20) is spent, each next message's slot is a
        // millisecond ahead when the send before it ends. The sender takes the next message for the moment a few slots
        // will have accrued, waits, and sends what they let go one after another: handed back, the dispatcher would
        // wake for each slot and hand every message to a thread; waiting for each slot, the sender would sleep for
        // every message.
        OutboxRelay relay = started(new RelaySettings(1_000, Duration.ofMillis(1), 1_000, 1, Duration.ofMillis(20),
                Duration.ofMillis(200), 3, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 60).mapToObj(n -> message(n, "m" + n))
                .toArray(Outgoing[]::new)));

        assertThat(relay.flush(FLUSH)).isTrue();
        List<Instant> times = messenger.attempts().stream().map(Attempt::at).sorted().toList();
        assertThat(times).hasSize(60);
        // The 40 after the burst: about one wait per OutboxRelay.SENDER_SLOTS_TOGETHER of them, not one each.
        assertThat(relay.slotsWaitedFor()).as("times a sender waited for slots").isBetween(5L, 20L);
        assertThat(messenger.attempts().stream().map(Attempt::thread).distinct()).hasSize(1);
        // Still the global pace: the 40 after the burst take at least 40 ms (a little less for the clock's grain).
        assertThat(Duration.between(times.getFirst(), times.getLast())).isGreaterThanOrEqualTo(Duration.ofMillis(35));
    }

    @Test
    void whenTheSendersAtWorkFallBehindTheDispatcherStillStartsMoreSendsAsSlotsAccrue() {
        // A slow Telegram: no send ends. The gate's burst (20 at 1,000 a second) goes at once; the slots accruing
        // after it are left to the senders at work only until a few have gathered, then the dispatcher hands them over,
        // so the sends in flight grow to the cap instead of waiting for a send to end.
        CountDownLatch held = messenger.holdSends();
        OutboxRelay relay = started(new RelaySettings(1_000, Duration.ofMillis(1), 1_000, 40, Duration.ofMillis(20),
                Duration.ofMillis(200), 3, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 50).mapToObj(n -> message(n, "m" + n))
                .toArray(Outgoing[]::new)));

        Poll.until("40 sends in flight, none ended", () -> messenger.running() == 40);
        assertThat(telegram.sent()).isEmpty();
        held.countDown();
        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(telegram.sent()).hasSize(50);
        assertThat(messenger.mostRunningAtOnce()).isEqualTo(40);
    }

    @Test
    void aChatGetsAShortBurstAndThenOneMessagePerInterval() {
        Duration interval = Duration.ofMillis(200);
        OutboxRelay relay = started(new RelaySettings(1_000, interval, 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 5).mapToObj(n -> message(1, "m" + n))
                .toArray(Outgoing[]::new)));

        assertThat(relay.flush(FLUSH)).isTrue();
        List<Instant> times = messenger.attemptsTo(chat(1)).stream().map(Attempt::at).toList();
        assertThat(times).hasSize(5);
        assertThat(Duration.between(times.get(0), times.get(3))).isGreaterThanOrEqualTo(interval);
        assertThat(Duration.between(times.get(0), times.get(4))).isGreaterThanOrEqualTo(interval.multipliedBy(2));
        assertThat(telegram.textsTo(chat(1))).containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void aChatEmptiedAndRefilledBeforeItsPaceRecoveredGetsNoNewBurst() {
        // The relay keeps an emptied chat's pace until it has recovered (without waking for it): forgotten at once, the
        // refilled chat would start a fresh burst of three.
        Duration interval = Duration.ofMillis(200);
        OutboxRelay relay = started(new RelaySettings(1_000, interval, 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 3).mapToObj(n -> message(1, "m" + n)).toArray(Outgoing[]::new)));
        assertThat(relay.flush(FLUSH)).isTrue();
        relay.offer(enqueue(IntStream.rangeClosed(4, 6).mapToObj(n -> message(1, "m" + n)).toArray(Outgoing[]::new)));
        assertThat(relay.flush(FLUSH)).isTrue();

        List<Instant> times = messenger.attemptsTo(chat(1)).stream().map(Attempt::at).toList();
        assertThat(times).hasSize(6);
        assertThat(Duration.between(times.get(0), times.get(3))).isGreaterThanOrEqualTo(interval);
        assertThat(Duration.between(times.get(0), times.get(5))).isGreaterThanOrEqualTo(interval.multipliedBy(3));
        assertThat(telegram.textsTo(chat(1))).containsExactly("m1", "m2", "m3", "m4", "m5", "m6");
    }

    @Test
    void callbackAnswersDoNotWaitForTheGlobalRate() {
        OutboxRelay relay = started(new RelaySettings(1, Duration.ofMillis(1), 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));

        relay.offer(enqueue(message(1, "takes the only slot"), message(2, "waits a second")));
        relay.offer(enqueue(new AnswerCallback(chat(3), "cb-1", Optional.empty())));

        assertThat(relay.flush(FLUSH)).isTrue();
        Instant first = messenger.attemptsTo(chat(1)).getFirst().at();
        Instant waited = messenger.attemptsTo(chat(2)).getFirst().at();
        Instant answered = messenger.attemptsTo(chat(3)).getFirst().at();
        // The gate spaces its decisions a second apart; the messenger stamps each attempt a moment after its decision,
        // on a sender thread that may just have been started, and that moment varies with the machine's load (a first
        // send stamped hundreds of milliseconds late, a second on time). Without the gate the two would be
        // milliseconds apart.
        assertThat(Duration.between(first, waited)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(answered).isBefore(waited);
    }

    @Test
    void repliesGoBeforeABackgroundBurstWhichStillGetsEveryFourthSlot() {
        OutboxRelay relay = started(new RelaySettings(20, Duration.ofMillis(1), 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));

        relay.offerBackground(enqueue(IntStream.rangeClosed(1, 30).mapToObj(n -> message(100 + n, "answer"))
                .toArray(Outgoing[]::new)));
        relay.offer(enqueue(IntStream.rangeClosed(1, 6).mapToObj(n -> message(n, "menu"))
                .toArray(Outgoing[]::new)));
        int sentByTheOffer = messenger.attempts().size();

        assertThat(relay.flush(FLUSH)).isTrue();
        List<String> order = messenger.attempts().stream()
                .sorted(java.util.Comparator.comparing(Attempt::at))
                .map(attempt -> ((SendText) attempt.message()).text())
                .toList();
        assertThat(order).hasSize(36);
        // Counted from the replies' offer, not from the start: how many answers went before it depends on how long
        // the test thread took between the two offers.
        int firstMenu = order.indexOf("menu");
        int lastMenu = order.lastIndexOf("menu");
        assertThat(firstMenu - sentByTheOffer).as("answers sent after the replies were offered, before the first: %s",
                order).isLessThanOrEqualTo(3);
        assertThat(lastMenu - firstMenu).as("the six replies went out one after another: %s", order).isLessThan(10);
        assertThat(order.subList(firstMenu, lastMenu + 1).stream().filter("answer"::equals).count())
                .as("while replies waited, the background still got about one slot in four: %s", order)
                .isBetween(1L, 3L);
        // Operators see each lane's delays apart.
        assertThat(metrics.sentReplies.get()).isEqualTo(6);
        assertThat(metrics.sentInBackground.get()).isEqualTo(30);
    }

    @Test
    void noMoreSendsRunAtOnceThanAllowed() {
        CountDownLatch gate = messenger.holdSends();
        OutboxRelay relay = started(new RelaySettings(10_000, Duration.ofMillis(1), 3, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 6).mapToObj(n -> message(n, "hi")).toArray(Outgoing[]::new)));
        Poll.until("two sends held", () -> messenger.running() == 2);
        gate.countDown();

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(telegram.sent()).hasSize(6);
        assertThat(messenger.mostRunningAtOnce()).isEqualTo(2);
    }

    @Test
    void aSendsDelayIsSplitIntoTheRelaysWaitAndTheTelegramCall() {
        CountDownLatch gate = messenger.holdSends();
        OutboxRelay relay = started(new RelaySettings(10_000, Duration.ofMillis(1), 3, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));

        relay.offer(enqueue(IntStream.rangeClosed(1, 4).mapToObj(n -> message(n, "hi")).toArray(Outgoing[]::new)));
        Instant offered = clock.instant();
        Poll.until("two sends held", () -> messenger.running() == 2);
        Instant heldFrom = clock.instant();
        // Not a wait for something to happen: the held calls are made to last a known while, which both parts must
        // then show.
        Poll.until("the held calls last 10 ms", () -> !clock.instant().isBefore(heldFrom.plusMillis(10)));
        Instant released = clock.instant();
        gate.countDown();

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(metrics.sends).hasSize(4).allSatisfy(send -> {
            assertThat(send.call().isNegative()).isFalse();
            assertThat(send.waited().isNegative()).isFalse();
        });
        // The two held calls lasted at least until the release; the two behind them waited in the relay for a sender
        // from the offer to the release.
        assertThat(metrics.sends.stream().filter(send ->
                send.call().compareTo(Duration.between(heldFrom, released)) >= 0)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(metrics.sends.stream().filter(send ->
                send.waited().compareTo(Duration.between(offered, released)) >= 0)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aSendsDelayCountsFromWhenTheRelayWasHandedTheMessageNotFromItsRowsTime() {
        OutboxRelay relay = started(new RelaySettings(10_000, Duration.ofMillis(1), 3, 2, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));
        // Queued by a transaction that then took ten seconds to commit.
        List<QueuedMessage> queued = outbox.enqueue(List.of(message(1, "late commit")),
                clock.instant().minusSeconds(10));

        relay.offer(queued);

        assertThat(relay.flush(FLUSH)).isTrue();
        assertThat(metrics.sends).singleElement().satisfies(send ->
                assertThat(send.sinceDue()).isLessThan(Duration.ofSeconds(5)));
    }

    @Test
    void aPreviewTakesOnlyASlotOfTheSteadyPaceNotTheCatchUpLeftForReplies() {
        // 100 a second: a slot every 10 ms, and a catch-up of two slots at once that only the outbox's messages use.
        OutboxRelay relay = started(new RelaySettings(100, Duration.ofMillis(1), 3, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));
        long before = System.nanoTime();
        Optional<SendResult> first = relay.trySendAside(() -> new SendResult.Sent(Optional.empty()));
        Optional<SendResult> second = relay.trySendAside(() -> new SendResult.Sent(Optional.empty()));
        org.junit.jupiter.api.Assumptions.assumeTrue(System.nanoTime() - before < 10_000_000L,
                "the two previews were asked for within one slot");

        assertThat(first).isPresent();
        assertThat(second).as("the next slot of the pace is 10 ms away; the catch-up is not for previews").isEmpty();
    }

    @Test
    void previewsLeaveAQuarterOfTheSendSlotsToTheOutboxsMessages() throws InterruptedException {
        OutboxRelay relay = started(new RelaySettings(10_000, Duration.ofMillis(1), 3, 4, Duration.ofSeconds(1),
                Duration.ofSeconds(60), 10, Duration.ofSeconds(5)));
        assertThat(relay.previewHeadroom()).isOne();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(3);
        // Each preview asks again until it gets a slot (previews take one slot of the steady pace at a time), for as
        // long as the test waits for them.
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Thread> previews = IntStream.range(0, 3).mapToObj(n -> Thread.ofVirtual().start(() -> {
            while (System.nanoTime() < giveUpAt && relay.trySendAside(() -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new SendResult.Sent(Optional.empty());
            }).isEmpty()) {
                Thread.yield();
            }
        })).toList();
        try {
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(relay.trySendAside(() -> new SendResult.Sent(Optional.empty())))
                    .as("the last slot is kept for the outbox").isEmpty();
            relay.offer(enqueue(message(1, "menu")));
            assertThat(relay.flush(FLUSH)).as("the reply went out while three previews held their slots").isTrue();
            assertThat(telegram.sent()).hasSize(1);
        } finally {
            release.countDown();
            for (Thread preview : previews) {
                preview.join();
            }
        }
    }

    @Test
    void flushGivesUpAtItsTimeoutAndStopLeavesTheMessagePending() {
        OutboxRelay relay = started(unhurried());
        telegram.answerNextWithRetryAfter(Duration.ofHours(1));
        List<QueuedMessage> queued = enqueue(message(1, "later"));

        relay.offer(queued);

        Poll.until("the first attempt", () -> !messenger.attempts().isEmpty());
        assertThat(relay.flush(Duration.ofMillis(100))).isFalse();
        relay.stop();
        assertThat(outbox.stateOf(queued.getFirst().id())).contains(State.PENDING);
        assertThat(outbox.pending(0, 10)).singleElement().satisfies(pending -> assertThat(pending.attempts()).isOne());
        assertThat(relay.terminated()).isTrue();
    }

    private static int mostInAnyWindow(List<Instant> sorted, Duration window) {
        int most = 0;
        for (int start = 0; start < sorted.size(); start++) {
            Instant end = sorted.get(start).plus(window);
            int count = 0;
            for (int i = start; i < sorted.size() && sorted.get(i).isBefore(end); i++) {
                count++;
            }
            most = Math.max(most, count);
        }
        return most;
    }
}
