package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.adapters.telegram.testing.TelegramUpdates;
import io.mentorium.application.port.in.AnswerPreCheckout;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Stars payment as Telegram runs it, through the real polling library and client over HTTP to the stand-in: the
 * pre-checkout query is answered on the receiving path — before its batch is stored, within Telegram's 10 seconds —
 * and still handed on to be stored; the successful payment arrives as an input with its charge id.
 */
class TelegramStarsPaymentTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration TELEGRAMS_LIMIT = Duration.ofSeconds(10);
    private static final TelegramUpdateReceiver.Backoff FAST_RETRY =
            new TelegramUpdateReceiver.Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 10);

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final TelegramSettings settings = new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25)
            .withLongPollTimeout(Duration.ofSeconds(30));
    private final TelegramApi api = TelegramApi.connect(settings);
    private final List<InboundUpdate> stored = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    // Opened by each test's end at the latest, so that nothing a test blocked outlives it.
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<TelegramPolling> started = new ArrayList<>();

    private final ReceiveUpdates storing = new ReceiveUpdates() {
        @Override
        public int receive(List<InboundUpdate> updates) {
            stored.addAll(updates);
            return updates.size();
        }

        @Override
        public void reject(long updateId, long chatId, String reason) {
            throw new AssertionError("nothing should be rejected: " + updateId + " " + reason);
        }
    };

    @AfterEach
    void stop() {
        release.countDown();
        started.forEach(TelegramPolling::stop);
        api.close();
        standIn.close();
    }

    @Test
    void thePreCheckoutIsAnsweredWhileItsBatchIsStillBeingStoredAndIsStoredAfterwards() throws Exception {
        TelegramUpdates.Person anna = TelegramUpdates.person(1001, "ru");
        List<Boolean> answeredWhenStoring = new CopyOnWriteArrayList<>();
        // A store that blocks until the test says so: the answer must not wait for it.
        ReceiveUpdates slowStore = new ReceiveUpdates() {
            @Override
            public int receive(List<InboundUpdate> updates) {
                answeredWhenStoring.add(standIn.preCheckoutAnswer("pcq-slow").isPresent());
                await(release);
                return storing.receive(updates);
            }

            @Override
            public void reject(long updateId, long chatId, String reason) {
                storing.reject(updateId, chatId, reason);
            }
        };
        List<Long> ids = standIn.enqueueUpdates(anna.text("I want to pay"),
                anna.preCheckout("pcq-slow", "order:0f9c", 250));

        start(slowStore, recording(AnswerPreCheckout.Answer.accept()), Duration.ofSeconds(5));
        BotApiStandIn.PreCheckoutAnswer answer = standIn.awaitPreCheckoutAnswer("pcq-slow", WAIT);

        assertThat(answer.ok()).isTrue();
        assertThat(answer.errorMessage()).isEmpty();
        assertThat(answer.latency()).isLessThan(TELEGRAMS_LIMIT);
        assertThat(asked).containsExactly("order:0f9c XTR 250 Optional[RU]");
        assertThat(stored).as("the store is still blocked").isEmpty();
        assertThat(standIn.isConfirmed(ids.getLast())).isFalse();

        release.countDown();
        standIn.awaitConfirmed(ids.getLast(), WAIT);

        assertThat(answeredWhenStoring).containsExactly(true);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactlyElementsOf(ids);
        assertThat(stored.getLast().input()).isEqualTo(new ChatInput.PreCheckout(sender(1001, "ru"), "pcq-slow",
                "order:0f9c", "XTR", 250));
    }

    @Test
    void aRefusalCarriesTheApplicationsReason() {
        TelegramUpdates.Person anna = TelegramUpdates.person(1001, "uz");
        long id = standIn.enqueueUpdates(anna.preCheckout("pcq-1", "order:paid-already", 250)).getFirst();

        start(storing, recording(new AnswerPreCheckout.Answer(false, Optional.of("Bu buyurtma toʻlangan"))),
                Duration.ofSeconds(5));
        standIn.awaitConfirmed(id, WAIT);

        BotApiStandIn.PreCheckoutAnswer answer = standIn.preCheckoutAnswer("pcq-1").orElseThrow();
        assertThat(answer.ok()).isFalse();
        assertThat(answer.errorMessage()).contains("Bu buyurtma toʻlangan");
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactly(id);
    }

    @Test
    void aCheckThatFailsRefusesWithAGenericNoticeInThePayersLanguageAndTheBatchGoesOn() {
        TelegramUpdates.Person anna = TelegramUpdates.person(1001, "ru-RU");
        List<Long> ids = standIn.enqueueUpdates(anna.preCheckout("pcq-2", "order:1", 5), anna.text("still here"));

        start(storing, (payload, currency, amount, language) -> {
            throw new IllegalStateException("database down");
        }, Duration.ofSeconds(5));
        standIn.awaitConfirmed(ids.getLast(), WAIT);

        BotApiStandIn.PreCheckoutAnswer answer = standIn.preCheckoutAnswer("pcq-2").orElseThrow();
        assertThat(answer.ok()).isFalse();
        assertThat(answer.errorMessage().orElseThrow()).contains("Попробуйте").doesNotContain("database");
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactlyElementsOf(ids);
    }

    @Test
    void aCheckThatIsTooSlowIsRefusedInTimeRatherThanLeftToExpire() {
        TelegramUpdates.Person anna = TelegramUpdates.person(1001, "en");
        long id = standIn.enqueueUpdates(anna.preCheckout("pcq-3", "order:1", 5)).getFirst();

        start(storing, (payload, currency, amount, language) -> {
            await(release);
            return AnswerPreCheckout.Answer.accept();
        }, Duration.ofMillis(300));
        standIn.awaitConfirmed(id, WAIT);

        BotApiStandIn.PreCheckoutAnswer answer = standIn.preCheckoutAnswer("pcq-3").orElseThrow();
        assertThat(answer.ok()).isFalse();
        assertThat(answer.errorMessage().orElseThrow()).startsWith("We could not check this order");
        assertThat(answer.latency()).isLessThan(TELEGRAMS_LIMIT);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactly(id);
    }

    @Test
    void theQueriesOfOneBatchAreCheckedSideBySide() {
        List<Long> ids = standIn.enqueueUpdates(TelegramUpdates.person(1001).preCheckout("pcq-a", "order:a", 5),
                TelegramUpdates.person(1002).preCheckout("pcq-b", "order:b", 7));
        CountDownLatch bothAsked = new CountDownLatch(2);

        // Each check waits for the other: both pass only if they run at the same time.
        start(storing, (payload, currency, amount, language) -> {
            bothAsked.countDown();
            return awaitFor(bothAsked, Duration.ofSeconds(4)) ? AnswerPreCheckout.Answer.accept()
                    : new AnswerPreCheckout.Answer(false, Optional.of("checked one after the other"));
        }, Duration.ofSeconds(5));
        standIn.awaitConfirmed(ids.getLast(), WAIT);

        assertThat(standIn.preCheckoutAnswers()).extracting(BotApiStandIn.PreCheckoutAnswer::queryId)
                .containsExactlyInAnyOrder("pcq-a", "pcq-b");
        assertThat(standIn.preCheckoutAnswers()).allMatch(BotApiStandIn.PreCheckoutAnswer::ok);
    }

    @Test
    void anAnswerTelegramRefusesDoesNotHoldUpTheBatch() {
        TelegramUpdates.Person anna = TelegramUpdates.person(1001);
        standIn.failNext("answerPreCheckoutQuery", 1, 400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid");
        List<Long> ids = standIn.enqueueUpdates(anna.preCheckout("pcq-4", "order:1", 5), anna.text("after"));

        start(storing, recording(AnswerPreCheckout.Answer.accept()), Duration.ofSeconds(5));
        standIn.awaitConfirmed(ids.getLast(), WAIT);

        assertThat(standIn.callsTo("answerPreCheckoutQuery")).hasSize(1);
        assertThat(stored).extracting(InboundUpdate::updateId).containsExactlyElementsOf(ids);
    }

    @Test
    void withoutAnAnswerPreCheckoutBoundEveryPaymentIsRefusedInTheDefaultLanguage() {
        long id = standIn.enqueueUpdates(TelegramUpdates.person(1001).preCheckout("pcq-5", "order:1", 5))
                .getFirst();
        TelegramPolling polling = new TelegramPolling(settings, storing, api, Optional.empty(), Language.UZ);
        started.add(polling);
        polling.start();

        standIn.awaitConfirmed(id, WAIT);

        BotApiStandIn.PreCheckoutAnswer answer = standIn.preCheckoutAnswer("pcq-5").orElseThrow();
        assertThat(answer.ok()).isFalse();
        assertThat(answer.errorMessage().orElseThrow()).contains("tekshirib boʻlmadi");
    }

    @Test
    void anInvoicePaidThroughTheStandInArrivesAsAPaymentWithItsChargeIdAndCanBeRefunded() {
        TelegramUpdates.Person anna = TelegramUpdates.person(1001, "uz");
        new TelegramMessenger(api).send(new Messenger.SendInvoice(new ChatId(1001), "Premium", "30 days",
                "order:77", 250));
        BotApiStandIn.Invoice invoice = standIn.awaitInvoices(1001, 1, WAIT).getFirst();
        start(storing, recording(AnswerPreCheckout.Answer.accept()), Duration.ofSeconds(5));

        String queryId = standIn.enqueuePreCheckout(anna, invoice);
        assertThat(standIn.awaitPreCheckoutAnswer(queryId, WAIT).ok()).isTrue();
        String charge = standIn.enqueuePayment(anna, invoice);
        Eventually.until("the payment stored",
                () -> stored.stream().anyMatch(update -> update.input() instanceof ChatInput.SuccessfulPayment), WAIT);

        assertThat(asked).containsExactly("order:77 XTR 250 Optional[UZ]");
        assertThat(stored).extracting(InboundUpdate::input).contains(new ChatInput.SuccessfulPayment(
                sender(1001, "uz"), "order:77", "XTR", 250, charge));
        assertThat(new TelegramStarsRefunds(api).refund(new TelegramUserId(1001), charge)).isTrue();
        assertThat(standIn.refunds()).singleElement().satisfies(refund -> {
            assertThat(refund.userId()).isEqualTo(1001);
            assertThat(refund.chargeId()).isEqualTo(charge);
        });
    }

    private AnswerPreCheckout recording(AnswerPreCheckout.Answer answer) {
        return (payload, currency, amount, language) -> {
            asked.add(payload + " " + currency + " " + amount + " " + language);
            return answer;
        };
    }

    private void start(ReceiveUpdates receiveUpdates, AnswerPreCheckout answerPreCheckout, Duration decisionBudget) {
        PreCheckoutAnswerer answerer = new PreCheckoutAnswerer(api.client(), api.scrubber(),
                Optional.of(answerPreCheckout), Language.EN, decisionBudget, PreCheckoutAnswerer.WAIT_BUDGET);
        TelegramPolling polling = new TelegramPolling(settings, receiveUpdates, FAST_RETRY, answerer::answerAll);
        started.add(polling);
        polling.start();
    }

    private static ChatInput.Sender sender(long userId, String languageCode) {
        return new ChatInput.Sender(new TelegramUserId(userId), new ChatId(userId), Optional.of(languageCode));
    }

    private static void await(CountDownLatch latch) {
        if (!awaitFor(latch, WAIT)) {
            throw new AssertionError("never released");
        }
    }

    private static boolean awaitFor(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
