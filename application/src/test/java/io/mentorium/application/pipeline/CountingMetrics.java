package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.PipelineMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

final class CountingMetrics implements PipelineMetrics {

    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger processed = new AtomicInteger();
    final AtomicInteger processedUrgent = new AtomicInteger();
    final AtomicInteger sentReplies = new AtomicInteger();
    final AtomicInteger sentInBackground = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final List<Send> sends = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> messages = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> quarantined = new ConcurrentHashMap<>();

    @Override
    public void updatesReceived(int count) {
        received.addAndGet(count);
    }

    @Override
    public void updateProcessed(Duration handling, boolean urgent) {
        if (handling.isNegative()) {
            throw new AssertionError("negative handling time " + handling);
        }
        processed.incrementAndGet();
        if (urgent) {
            processedUrgent.incrementAndGet();
        }
    }

    @Override
    public void messageSentAfter(Duration sinceDue, Duration call, boolean reply) {
        (reply ? sentReplies : sentInBackground).incrementAndGet();
        sends.add(new Send(sinceDue, call, reply));
    }

    /** One message Telegram accepted: how long after it was due, and how long of that the call itself took. */
    record Send(Duration sinceDue, Duration call, boolean reply) {

        Duration waited() {
            return sinceDue.minus(call);
        }
    }

    @Override
    public void updateFailed() {
        failed.incrementAndGet();
    }

    @Override
    public void updateQuarantined(String stage) {
        quarantined.computeIfAbsent(stage, key -> new AtomicInteger()).incrementAndGet();
    }

    int quarantined(String stage) {
        AtomicInteger count = quarantined.get(stage);
        return count == null ? 0 : count.get();
    }

    @Override
    public void messageSent(String outcome) {
        messages.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
    }

    int messages(String outcome) {
        AtomicInteger count = messages.get(outcome);
        return count == null ? 0 : count.get();
    }
}
