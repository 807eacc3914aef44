package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.shared.ChatId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a messenger and records every send attempt with the time it arrived and what it came to, so tests can check
 * order, pacing and retry spacing from what the "Telegram" side saw. Optionally holds every send until a gate opens,
 * counting how many are held at once.
 */
final class TimedMessenger implements Messenger {

    /** @param thread the name of the thread that sent it */
    record Attempt(Instant at, Outgoing message, SendResult result, String thread) {
    }

    private final Messenger delegate;
    private final Clock clock;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    TimedMessenger(Messenger delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    /** Sends wait until the returned latch is counted down. */
    CountDownLatch holdSends() {
        CountDownLatch held = new CountDownLatch(1);
        gate = held;
        return held;
    }

    @Override
    public SendResult send(Outgoing message) {
        Instant at = clock.instant();
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.decrementAndGet();
        }
        SendResult result = delegate.send(message);
        attempts.add(new Attempt(at, message, result, Thread.currentThread().getName()));
        return result;
    }

    @Override
    public void showTyping(ChatId chatId) {
        delegate.showTyping(chatId);
    }

    @Override
    public SendResult draft(ChatId chatId, int draftId, String text) {
        return delegate.draft(chatId, draftId, text);
    }

    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    List<Attempt> attemptsTo(ChatId chat) {
        return attempts.stream().filter(attempt -> attempt.message().chatId().equals(chat)).toList();
    }

    int running() {
        return running.get();
    }

    int mostRunningAtOnce() {
        return mostRunning.get();
    }
}
