package io.mentorium.application.pipeline;

import io.mentorium.domain.shared.ChatId;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Shows "typing…" in a chat while its update takes long: first after {@link WorkerSettings#typingAfter()}, then every
 * {@link WorkerSettings#typingEvery()} until cancelled. Quick updates (almost all) cost one timer set and cancelled.
 * The indicator goes through the relay, so it counts against the global send budget and is skipped when there is no
 * room for it or Telegram asked to wait; the workers cancel it as soon as an update has to be retried.
 */
final class TypingIndicator {

    private final OutboxRelay relay;
    private final WorkerSettings settings;
    private final ScheduledThreadPoolExecutor timer;

    TypingIndicator(OutboxRelay relay, WorkerSettings settings) {
        this.relay = relay;
        this.settings = settings;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("chat-typing-timer").factory());
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** Starts the timer for one update; cancel the returned future when the update is handled or has to wait. */
    ScheduledFuture<?> whileBusy(ChatId chatId) {
        return timer.scheduleAtFixedRate(() -> relay.tryShowTyping(chatId),
                settings.typingAfter().toNanos(), settings.typingEvery().toNanos(), TimeUnit.NANOSECONDS);
    }

    void shutdown() {
        timer.shutdownNow();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return timer.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }
}
