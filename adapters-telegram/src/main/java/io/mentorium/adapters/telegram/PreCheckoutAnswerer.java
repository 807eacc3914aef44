package io.mentorium.adapters.telegram;

import io.mentorium.application.port.in.AnswerPreCheckout;
import io.mentorium.domain.shared.Language;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerPreCheckoutQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.payments.PreCheckoutQuery;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Answers the pre-checkout queries of a received batch before the batch is stored. Telegram gives the bot 10 seconds
 * from sending the query, then fails the payment for the parent; the update queue may be minutes behind, and the store
 * itself may be retrying, so the answer cannot wait for either.
 *
 * <p>The queries of a batch are answered in parallel, each on its own virtual thread: the order check gets
 * {@link #decisionBudget}, and a check that fails, throws or is late refuses the payment with a short localized notice
 * (refusing is safe: no Stars are taken, and the parent can simply pay again). {@link #answerAll} returns after every
 * answer was sent or after {@link #waitBudget}, whichever is first; an answer still in flight then completes on its
 * own. Nothing here throws: a batch is never held up or lost because of a payment question.
 */
final class PreCheckoutAnswerer {

    private static final Logger log = LoggerFactory.getLogger(PreCheckoutAnswerer.class);

    /** How long the order check may take: well inside Telegram's 10 s, leaving time for the answer's own round trip. */
    static final Duration DECISION_BUDGET = Duration.ofSeconds(5);
    /** How long a batch waits for its answers to be sent before it is stored anyway. */
    static final Duration WAIT_BUDGET = Duration.ofSeconds(8);

    // Shown by Telegram in the payment form when we refuse for a reason of our own (the check failed or was late).
    private static final Map<Language, String> TRY_AGAIN = Map.of(
            Language.RU, "Не удалось проверить заказ. Попробуйте оплатить ещё раз через минуту.",
            Language.UZ, "Buyurtmani tekshirib boʻlmadi. Bir daqiqadan soʻng qayta toʻlab koʻring.",
            Language.EN, "We could not check this order. Please try paying again in a minute.");

    private final TelegramClient client;
    private final TokenScrubber scrubber;
    private final Optional<AnswerPreCheckout> answerPreCheckout;
    private final Language defaultLanguage;
    private final Duration decisionBudget;
    private final Duration waitBudget;
    private final Executor threads = command -> Thread.ofVirtual().name("telegram-pre-checkout").start(command);

    PreCheckoutAnswerer(TelegramClient client, TokenScrubber scrubber, Optional<AnswerPreCheckout> answerPreCheckout,
                        Language defaultLanguage, Duration decisionBudget, Duration waitBudget) {
        this.client = Objects.requireNonNull(client, "client");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.answerPreCheckout = Objects.requireNonNull(answerPreCheckout, "answerPreCheckout");
        this.defaultLanguage = Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        this.decisionBudget = Objects.requireNonNull(decisionBudget, "decisionBudget");
        this.waitBudget = Objects.requireNonNull(waitBudget, "waitBudget");
        if (answerPreCheckout.isEmpty()) {
            // Refusing every payment is the safe default, but it must not go unnoticed.
            log.warn("No AnswerPreCheckout is bound: every Telegram Stars payment will be refused");
        }
    }

    PreCheckoutAnswerer(TelegramApi api, Optional<AnswerPreCheckout> answerPreCheckout, Language defaultLanguage) {
        this(api.client(), api.scrubber(), answerPreCheckout, defaultLanguage, DECISION_BUDGET, WAIT_BUDGET);
    }

    /** Answers the pre-checkout queries among {@code updates}; returns once they are answered or the wait is over. */
    void answerAll(List<Update> updates) {
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (Update update : updates) {
            PreCheckoutQuery query = update.getPreCheckoutQuery();
            if (query != null && query.getId() != null) {
                answers.add(CompletableFuture.runAsync(() -> answer(query), threads));
            }
        }
        if (answers.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(waitBudget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.warn("Pre-checkout answers still in flight after {} ms; storing the batch meanwhile",
                    waitBudget.toMillis());
        } catch (ExecutionException e) {
            // answer() catches everything itself; this is only a safety net.
            log.error("Answering a pre-checkout query failed unexpectedly", e.getCause());
        } catch (InterruptedException e) {
            // Stopping: the answers go on by themselves, the batch is dealt with by the caller.
            Thread.currentThread().interrupt();
        }
    }

    private void answer(PreCheckoutQuery query) {
        Optional<Language> language = Optional.ofNullable(query.getFrom())
                .flatMap(from -> Language.fromCode(from.getLanguageCode()));
        AnswerPreCheckout.Answer decision = decide(query, language);
        String notice = decision.ok() ? null
                : decision.error().filter(text -> !text.isBlank()).orElseGet(() -> tryAgain(language));
        try {
            client.execute(AnswerPreCheckoutQuery.builder()
                    .preCheckoutQueryId(query.getId())
                    .ok(decision.ok())
                    .errorMessage(notice)
                    .build());
            log.info("Pre-checkout query {} answered {}", query.getId(), decision.ok() ? "ok" : "no");
        } catch (TelegramApiException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Most often "query is too old": the batch was delivered again after a restart. Telegram has failed the
            // payment form by itself then, and the parent may pay again.
            log.warn("Could not answer pre-checkout query {}: {}", query.getId(),
                    TelegramFailure.describe(e, scrubber));
        } catch (RuntimeException e) {
            log.warn("Could not answer pre-checkout query {}: {}", query.getId(),
                    TelegramFailure.describe(e, scrubber));
        }
    }

    /** The application's answer within {@link #decisionBudget}; a refusal when it fails or is late. */
    private AnswerPreCheckout.Answer decide(PreCheckoutQuery query, Optional<Language> language) {
        if (answerPreCheckout.isEmpty()) {
            return refusal(language);
        }
        if (query.getInvoicePayload() == null || query.getCurrency() == null || query.getTotalAmount() == null) {
            log.warn("Pre-checkout query {} lacks a payload, currency or amount; refused", query.getId());
            return refusal(language);
        }
        CompletableFuture<AnswerPreCheckout.Answer> decision = CompletableFuture.supplyAsync(
                () -> answerPreCheckout.get().answer(query.getInvoicePayload(), query.getCurrency(),
                        query.getTotalAmount(), language), threads);
        try {
            return Objects.requireNonNull(decision.get(decisionBudget.toNanos(), TimeUnit.NANOSECONDS), "answer");
        } catch (TimeoutException e) {
            log.warn("Checking the order of pre-checkout query {} took over {} ms; refused", query.getId(),
                    decisionBudget.toMillis());
        } catch (ExecutionException e) {
            // The cause may quote the payload, which is ours (an order id), but keep logs to the class to be sure.
            log.warn("Checking the order of pre-checkout query {} failed ({}); refused", query.getId(),
                    e.getCause() == null ? "unknown" : e.getCause().getClass().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Checking the order of pre-checkout query {} gave no answer ({}); refused", query.getId(),
                    e.getClass().getName());
        }
        return refusal(language);
    }

    private AnswerPreCheckout.Answer refusal(Optional<Language> language) {
        return new AnswerPreCheckout.Answer(false, Optional.of(tryAgain(language)));
    }

    private String tryAgain(Optional<Language> language) {
        return TRY_AGAIN.get(language.orElse(defaultLanguage));
    }
}
