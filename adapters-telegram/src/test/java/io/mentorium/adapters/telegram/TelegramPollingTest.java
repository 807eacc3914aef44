package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Polling with the real telegrambots long-polling library against the stand-in over HTTP. */
class TelegramPollingTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    // Long enough that a stop() which waited for the poll to end would be noticed.
    private static final Duration LONG_POLL = Duration.ofSeconds(60);
    private static final TelegramUpdateReceiver.Backoff FAST_RETRY =
            new TelegramUpdateReceiver.Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 10);

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final TelegramSettings settings =
            new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25).withLongPollTimeout(LONG_POLL);
    private final List<Long> rejected = new CopyOnWriteArrayList<>();
    private final List<InboundUpdate> stored = new CopyOnWriteArrayList<>();
    private final List<TelegramPolling> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(TelegramPolling::stop);
        standIn.close();
    }

    @Test
    void updatesFromManyChatsAreStoredInOrderAndThenConfirmed() {
        List<Long> ids = standIn.enqueueUpdates(IntStream.range(0, 250)
                .mapToObj(i -> TelegramUpdates.person(1000 + i % 7, "en").text("message " + i)).toList());

        TelegramPolling polling = start(storing());

        standIn.awaitConfirmed(ids.getLast(), WAIT);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactlyElementsOf(ids);
        assertThat(stored.get(3).input()).isInstanceOfSatisfying(ChatInput.Text.class,
                text -> assertThat(text.text()).isEqualTo("message 3"));
        assertThat(polling.isRunning()).isTrue();
    }

    @Test
    void pollingAsksForTheUpdateTypesTheBotHandlesAfterRemovingAWebhook() {
        long id = standIn.enqueueUpdates(TelegramUpdates.person(1001).command("start")).getFirst();

        start(storing());
        standIn.awaitConfirmed(id, WAIT);

        List<BotApiCall> calls = standIn.calls();
        assertThat(calls.getFirst().method()).isEqualTo("deleteWebhook");
        assertThat(calls.getFirst().param("drop_pending_updates")).as("pending updates are kept")
                .isNotEqualTo(Optional.of(true));
        BotApiCall poll = standIn.callsTo("getUpdates").getFirst();
        assertThat(poll.list("allowed_updates"))
                .containsExactly("message", "callback_query", "my_chat_member", "pre_checkout_query");
        assertThat(poll.longParam("limit")).isEqualTo(100);
        assertThat(poll.longParam("timeout")).isEqualTo(LONG_POLL.toSeconds());
    }

    @Test
    void aBatchIsConfirmedOnlyAfterItWasStoredThoughStoringFailedTwice() {
        List<Long> ids = standIn.enqueueUpdates(TelegramUpdates.person(1001).text("one"),
                TelegramUpdates.person(1002).text("two"));
        AtomicInteger attempts = new AtomicInteger();
        List<Boolean> confirmedDuringAttempts = new CopyOnWriteArrayList<>();

        start(updates -> {
            confirmedDuringAttempts.add(ids.stream().anyMatch(standIn::isConfirmed));
            if (attempts.incrementAndGet() <= 2) {
                throw new StorageException("database unavailable");
            }
            stored.addAll(updates);
            return updates.size();
        });

        standIn.awaitConfirmed(ids.getLast(), WAIT);
        assertThat(attempts).hasValue(3);
        assertThat(confirmedDuringAttempts).as("no attempt saw its updates confirmed").containsExactly(false, false,
                false);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactlyElementsOf(ids);
    }

    @Test
    void updatesTheBotDoesNotHandleAreConfirmedWithoutBeingStored() {
        TelegramUpdates.Person anna = TelegramUpdates.person(1001);
        // The edit is not even delivered: allowed_updates does not ask for edits.
        List<Long> ids = standIn.enqueueUpdates(TelegramUpdates.groupText(-100500, anna, "hello"),
                anna.editedText("changed"), TelegramUpdates.groupText(-100600, anna, "/start"));
        AtomicInteger calls = new AtomicInteger();

        start(updates -> calls.incrementAndGet());

        standIn.awaitConfirmed(ids.getLast(), WAIT);
        assertThat(calls).hasValue(0);
        assertThat(standIn.unconfirmedUpdateIds()).isEmpty();
    }

    @Test
    void pollingRecoversFromServerErrorsOnGetUpdates() {
        standIn.failNext("getUpdates", 2, 502);
        long id = standIn.enqueueUpdates(TelegramUpdates.person(1001).text("hello")).getFirst();

        start(storing());

        standIn.awaitConfirmed(id, WAIT);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactly(id);
        assertThat(standIn.callsTo("getUpdates").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void stopCancelsTheWaitingLongPollInsteadOfWaitingItOut() {
        TelegramPolling polling = start(storing());
        standIn.awaitCalls("getUpdates", 1, WAIT);
        Eventually.until("a long poll to be waiting", () -> standIn.openLongPolls() == 1, WAIT);

        assertTimeoutPreemptively(LONG_POLL.dividedBy(2), polling::stop, "stop() waited for the long poll");

        assertThat(polling.isRunning()).isFalse();
        assertThat(polling.terminated()).as("the polling thread has ended, so nothing polls any more").isTrue();
    }

    @Test
    void stoppingWhileStoringIsRetriedLeavesTheBatchUnconfirmedForTheNextStart() {
        List<Long> ids = standIn.enqueueUpdates(TelegramUpdates.person(1001).text("one"),
                TelegramUpdates.person(1001).text("two"));
        AtomicInteger attempts = new AtomicInteger();
        // A retry delay no test waits out: only stop() can end the wait.
        TelegramPolling failing = new TelegramPolling(settings, receiving(updates -> {
            attempts.incrementAndGet();
            throw new StorageException("database unavailable");
        }), new TelegramUpdateReceiver.Backoff(Duration.ofMinutes(5), Duration.ofMinutes(10), 10));
        started.add(failing);
        failing.start();
        Eventually.until("a first failed attempt", () -> attempts.get() >= 1, WAIT);

        assertTimeoutPreemptively(LONG_POLL.dividedBy(2), failing::stop, "stop() waited for the retry");

        assertThat(failing.terminated()).isTrue();
        assertThat(ids).noneMatch(standIn::isConfirmed);

        start(storing());
        standIn.awaitConfirmed(ids.getLast(), WAIT);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactlyElementsOf(ids);
    }

    @Test
    void pollingIsNotRunningOnceABugEndedTheLibrarysPollingTask() {
        long id = standIn.enqueueUpdates(TelegramUpdates.person(1001).text("hello")).getFirst();

        TelegramPolling polling = start(updates -> {
            throw new IllegalStateException("a bug in the application");
        });

        Eventually.until("polling to be reported dead", () -> !polling.isRunning(), WAIT);
        assertThat(standIn.isConfirmed(id)).isFalse();
    }

    @Test
    void aWrongTokenFailsTheStartWithoutShowingTheToken() {
        String wrong = "987654321:WrongKey_abcdefghijklmnopqrstuvw";
        TelegramPolling polling = new TelegramPolling(
                new TelegramSettings(Optional.of(wrong), standIn.baseUri(), 25), storing());
        started.add(polling);

        assertThatThrownBy(polling::start).isInstanceOf(TelegramUnavailableException.class)
                .hasMessageContaining("Could not start polling")
                .hasMessageNotContaining("WrongKey");
        assertThat(polling.isRunning()).isFalse();
    }

    @Test
    void pollingThatEndedBecauseStoringKeptFailingIsStartedAgainAndTheBatchIsStoredBeforeItIsConfirmed() {
        List<Long> ids = standIn.enqueueUpdates(TelegramUpdates.person(1001).text("one"),
                TelegramUpdates.person(1002).text("two"));
        AtomicInteger attempts = new AtomicInteger();
        List<Boolean> confirmedDuringAttempts = new CopyOnWriteArrayList<>();
        // Two attempts per session: the first session gives up (its task ends), the watchdog starts a second one.
        TelegramPolling polling = new TelegramPolling(settings, receiving(updates -> {
            confirmedDuringAttempts.add(ids.stream().anyMatch(standIn::isConfirmed));
            if (attempts.incrementAndGet() <= 3) {
                throw new StorageException("database unavailable");
            }
            stored.addAll(updates);
            return updates.size();
        }), new TelegramUpdateReceiver.Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 2),
                Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(100));
        started.add(polling);
        polling.start();

        standIn.awaitConfirmed(ids.getLast(), WAIT);
        assertThat(polling.restarts()).isGreaterThanOrEqualTo(1);
        assertThat(confirmedDuringAttempts).as("no attempt saw its updates confirmed").containsOnly(false);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactlyElementsOf(ids);
        Eventually.until("polling running again", polling::isRunning, WAIT);
    }

    /** The part of the application the receiver talks to, as a lambda; rejections are recorded. */
    @FunctionalInterface
    private interface Storing {
        int receive(List<InboundUpdate> updates);
    }

    private ReceiveUpdates receiving(Storing storing) {
        return new ReceiveUpdates() {
            @Override
            public int receive(List<InboundUpdate> updates) {
                return storing.receive(updates);
            }

            @Override
            public void reject(long updateId, long chatId, String reason) {
                rejected.add(updateId);
            }
        };
    }

    private ReceiveUpdates storing() {
        return receiving(updates -> {
            stored.addAll(updates);
            return updates.size();
        });
    }

    private TelegramPolling start(Storing storing) {
        return start(receiving(storing));
    }

    private TelegramPolling start(ReceiveUpdates receiveUpdates) {
        TelegramPolling polling = new TelegramPolling(settings, receiveUpdates, FAST_RETRY);
        started.add(polling);
        polling.start();
        return polling;
    }
}
