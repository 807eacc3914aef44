package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.shared.ChatId;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows "typing…" in a chat while its update takes long: first after {@link WorkerSettings#typingAfter()}, then every
 * {@link WorkerSettings#typingEvery()} until cancelled. Quick updates (almost all) cost one timer set and cancelled.
 */
final class TypingIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(TypingIndicator.class);

    private final Messenger messenger;
    private final WorkerSettings settings;
    private final ScheduledThreadPoolExecutor timer;
    /** The calls themselves run here, so a slow Telegram never delays the timer for other chats. */
    private final ExecutorService calls;

    TypingIndicator(Messenger messenger, WorkerSettings settings) {
        this.messenger = messenger;
        this.settings = settings;
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("chat-typing-timer").factory());
        this.timer.setRemoveOnCancelPolicy(true);
        this.calls = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chat-typing-", 0).factory());
    }

    /** Starts the timer for one update; cancel the returned future when the update is handled. */
    ScheduledFuture<?> whileBusy(ChatId chatId) {
        return timer.scheduleAtFixedRate(() -> calls.execute(() -> show(chatId)),
                settings.typingAfter().toNanos(), settings.typingEvery().toNanos(), TimeUnit.NANOSECONDS);
    }

    void shutdown() {
        timer.shutdownNow();
        calls.shutdownNow();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return timer.awaitTermination(millis, TimeUnit.MILLISECONDS) && calls.awaitTermination(millis,
                TimeUnit.MILLISECONDS);
    }

    private void show(ChatId chatId) {
        try {
            messenger.showTyping(chatId);
        } catch (RuntimeException e) {
            LOG.debug("Could not show typing in chat {}", chatId, e);
        }
    }
}
