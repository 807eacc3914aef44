package io.mentorium.adapters.telegram;

import dev.failsafe.Call;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.in.ReceiveUpdates;
import io.mentorium.application.port.out.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * returns. So while the database is down this method keeps retrying and Telegram keeps the updates. If it throws
 * instead, the library's polling task ends for good (the exception is swallowed by its scheduled executor), which
 * leaves the batch unconfirmed as well; that is the way out when the receiver is closed during a retry.
 */
final class TelegramUpdateReceiver implements LongPollingUpdateConsumer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdateReceiver.class);

    /** How long to wait between attempts to store a batch: doubling from {@code first} up to {@code max}. */
    record Backoff(Duration first, Duration max) {

        static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10));

        Backoff {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(max, "max");
            if (first.isNegative() || first.isZero() || max.compareTo(first) <= 0) {
                throw new IllegalArgumentException("backoff needs 0 < first < max");
            }
        }
    }

    private final ReceiveUpdates receiveUpdates;
    private final TelegramUpdateTranslator translator;
    private final RetryPolicy<Object> retryPolicy;
    private final AtomicBoolean closed = new AtomicBoolean();
    // The store in progress and whether it is sleeping before its next attempt, so close() wakes only a sleep and
    // never interrupts a store that is under way (it may be about to succeed).
    private final AtomicReference<Call<?>> current = new AtomicReference<>();
    private final AtomicBoolean waitingToRetry = new AtomicBoolean();

    TelegramUpdateReceiver(ReceiveUpdates receiveUpdates, TelegramUpdateTranslator translator, Backoff backoff) {
        this.receiveUpdates = receiveUpdates;
        this.translator = translator;
        this.retryPolicy = RetryPolicy.builder()
                .handle(StorageException.class)
                .withBackoff(backoff.first(), backoff.max())
                .withMaxRetries(-1)
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
        List<InboundUpdate> inbound = updates.stream()
                .map(translator::translate)
                .flatMap(Optional::stream)
                .toList();
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
            // Not a storage failure: a bug. The library will swallow it and stop polling, so say it here.
            log.error("Storing {} received updates failed; polling stops", inbound.size(), e);
            throw e;
        } finally {
            current.set(null);
            waitingToRetry.set(false);
        }
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

    /** Thrown to the polling library so that it does not confirm a batch we did not store. */
    static final class ReceiverClosedException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        ReceiverClosedException(int count, Throwable cause) {
            super("Receiver closed before " + count + " updates were stored; they stay unconfirmed in Telegram", cause);
        }
    }
}
