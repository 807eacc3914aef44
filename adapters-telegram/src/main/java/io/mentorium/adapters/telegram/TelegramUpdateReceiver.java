package io.mentorium.adapters.telegram;

import dev.failsafe.Call;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Hands each batch from the long poll to the application and returns only once the application has stored it.
 *
 * <p>Why blocking is right here: the library calls {@link #consume} on its polling thread and sends the next
 * {@code getUpdates} — whose {@code offset} is what confirms the batch to Telegram — only after {@code consume}
 * returns. So while the database is briefly unavailable this method retries and Telegram keeps the updates.
 *
 * <p>Pre-checkout queries are answered first, before the batch is stored (see {@link PreCheckoutAnswerer}): Telegram
 * waits at most 10 seconds for the answer, and storing may be retrying for longer. They are still stored afterwards like
 * any other update, so the conversation records them.
 *
 * <p>Nothing a user sends makes this throw: an update that cannot be translated is rejected (a dead letter) and the
 * rest of the batch goes on; one the database refuses is quarantined by the application. Only two things end a call
 * with an exception, and both leave the batch unconfirmed: the receiver being closed, and the database staying
 * unreachable for {@link Backoff#maxAttempts} attempts. The library's polling task ends then (it swallows the
 * exception), and {@link TelegramPolling} starts a fresh session after a pause, which fetches the batch again.
 */
final class TelegramUpdateReceiver implements LongPollingUpdateConsumer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdateReceiver.class);

    /** How long to wait between attempts to store a batch: doubling from {@code first} up to {@code max}. */
    record Backoff(Duration first, Duration max, int maxAttempts) {

        /** About a minute of attempts before polling is restarted. */
        static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), 10);

        Backoff {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (first.isNegative() || first.isZero() || max.compareTo(first) <= 0) {
                throw new IllegalArgumentException("backoff needs 0 < first < max");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }
    }

    /** For a receiver that never sees pre-checkout queries (tests of the store path). */
    static final Consumer<List<Update>> NO_INLINE_ANSWERS = updates -> { };

    private final ReceiveUpdates receiveUpdates;
    private final Consumer<List<Update>> answerInline;
    private final Function<Update, Optional<InboundUpdate>> translator;
    private final RetryPolicy<Object> retryPolicy;
    private final AtomicBoolean closed = new AtomicBoolean();
    // The store in progress and whether it is sleeping before its next attempt, so close() wakes only a sleep and
    // never interrupts a store that is under way (it may be about to succeed).
    private final AtomicReference<Call<?>> current = new AtomicReference<>();
    private final AtomicBoolean waitingToRetry = new AtomicBoolean();

    TelegramUpdateReceiver(ReceiveUpdates receiveUpdates, Function<Update, Optional<InboundUpdate>> translator,
                           Backoff backoff) {
        this(receiveUpdates, translator, backoff, NO_INLINE_ANSWERS);
    }

    /**
     * @param answerInline answers what cannot wait for the store (pre-checkout queries); called with every batch
     *                     before it is stored, and must return within a bounded time
     */
    TelegramUpdateReceiver(ReceiveUpdates receiveUpdates, Function<Update, Optional<InboundUpdate>> translator,
                           Backoff backoff, Consumer<List<Update>> answerInline) {
        this.receiveUpdates = receiveUpdates;
        this.answerInline = Objects.requireNonNull(answerInline, "answerInline");
        this.translator = translator;
        this.retryPolicy = RetryPolicy.builder()
                .handleIf(failure -> failure instanceof StorageException storage && storage.transientFailure())
                .withBackoff(backoff.first(), backoff.max())
                .withMaxAttempts(backoff.maxAttempts())
                .abortIf((result, failure) -> closed.get())
                .onRetryScheduled(event -> {
                    waitingToRetry.set(true);
                    log.warn("Could not store received updates (attempt {}); retrying in {} ms, Telegram keeps them"
                            + " until then", event.getAttemptCount(), event.getDelay().toMillis(),
                            event.getLastException());
                })
                .onRetry(event -> waitingToRetry.set(false))
                .build();
    }

    @Override
    public void consume(List<Update> updates) {
        if (closed.get()) {
            throw new ReceiverClosedException(updates.size(), null);
        }
        answerInline(updates);
        List<InboundUpdate> inbound = new ArrayList<>(updates.size());
        for (Update update : updates) {
            translate(update).ifPresent(inbound::add);
        }
        if (inbound.isEmpty()) {
            // Nothing for the bot among them: letting the library confirm them is all there is to do.
            return;
        }
        if (closed.get()) {
            throw new ReceiverClosedException(inbound.size(), null);
        }
        Call<Integer> call = Failsafe.with(retryPolicy).newCall(context -> {
            return receiveUpdates.receive(inbound);
        });
        // A close() that misses this call still ends it: the policy aborts once closed.
        current.set(call);
        try {
            int fresh = call.execute();
            log.debug("Stored {} of {} received updates as new", fresh, inbound.size());
        } catch (RuntimeException e) {
            if (closed.get()) {
                throw new ReceiverClosedException(inbound.size(), e);
            }
            // The database stayed unreachable, or a bug: either way the batch is not stored and must not be confirmed.
            // The library ends this polling session; TelegramPolling starts a new one after a pause.
            log.error("Could not store {} received updates ({}); polling restarts, Telegram keeps them",
                    inbound.size(), e instanceof StorageException ? e.getMessage() : e.getClass().getName(),
                    e instanceof StorageException ? null : e);
            throw new StoreGaveUpException(inbound.size(), e);
        } finally {
            current.set(null);
            waitingToRetry.set(false);
        }
    }

    private void answerInline(List<Update> updates) {
        try {
            answerInline.accept(updates);
        } catch (RuntimeException e) {
            // The answers are best effort by nature (Telegram fails the payment form itself when unanswered); the
            // batch must be stored regardless.
            log.error("Answering the batch's queries inline failed; storing it anyway", e);
        }
    }

    /**
     * Translates one update; a failure to translate (a bug, or a shape the library could not foresee) is recorded as a
     * dead letter so that it neither stops the batch nor goes unnoticed.
     */
    private Optional<InboundUpdate> translate(Update update) {
        try {
            return translator.apply(update);
        } catch (RuntimeException e) {
            long updateId = update.getUpdateId() == null ? 0 : update.getUpdateId();
            long chatId = chatOf(update);
            log.error("Update {} in chat {} could not be translated ({}); set aside", updateId, chatId,
                    e.getClass().getName());
            Failsafe.with(retryPolicy).run(() -> receiveUpdates.reject(updateId, chatId,
                    "untranslatable update: " + e.getClass().getName()));
            return Optional.empty();
        }
    }

    private static long chatOf(Update update) {
        try {
            if (update.hasMessage()) {
                return update.getMessage().getChatId();
            }
            if (update.hasCallbackQuery() && update.getCallbackQuery().getFrom() != null) {
                return update.getCallbackQuery().getFrom().getId();
            }
            if (update.getMyChatMember() != null && update.getMyChatMember().getChat() != null) {
                return update.getMyChatMember().getChat().getId();
            }
            if (update.hasPreCheckoutQuery() && update.getPreCheckoutQuery().getFrom() != null) {
                // Invoices go to private chats, whose id is the payer's user id.
                return update.getPreCheckoutQuery().getFrom().getId();
            }
        } catch (RuntimeException ignored) {
            // Not even the chat can be read: the dead letter says so with 0.
        }
        return 0;
    }

    /** Stops retrying: a batch still waiting to be stored is abandoned unconfirmed (Telegram delivers it again). */
    @Override
    public void close() {
        closed.set(true);
        Call<?> call = current.get();
        if (call != null) {
            call.cancel(waitingToRetry.get());
        }
    }

    /** Thrown to the polling library when storing a batch kept failing: the session ends unconfirmed. */
    static final class StoreGaveUpException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        StoreGaveUpException(int count, Throwable cause) {
            super("Could not store " + count + " updates; they stay unconfirmed in Telegram", cause);
        }
    }

    /** Thrown to the polling library so that it does not confirm a batch we did not store. */
    static final class ReceiverClosedException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        ReceiverClosedException(int count, Throwable cause) {
            super("Receiver closed before " + count + " updates were stored; they stay unconfirmed in Telegram", cause);
        }
    }
}
