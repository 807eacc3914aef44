package io.mentorium.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Times each update at the stand-in, from the {@code getUpdates} answer that hands it out to the {@code sendMessage}
 * that answers it. A reply is matched to the oldest unanswered update of its chat: every update this benchmark sends
 * is answered with exactly one message, and both bots under test answer a chat's updates in order (the pipeline by
 * design; the echo bot because a chat never has two updates outstanding).
 *
 * <p>Install it only once the bot is idle: a message left over from earlier traffic would be matched to a new update.
 */
final class ReplyClock implements BotApiStandIn.Observer {

    private final Map<Long, Deque<Long>> deliveredByChat = new ConcurrentHashMap<>();
    private final Set<Long> deliveredIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong unmatchedReplies = new AtomicLong();
    private volatile Recording recording;

    /** Starts recording the next {@code expected} replies; the previous recording ends. */
    Recording record(int expected) {
        Recording next = new Recording(expected);
        recording = next;
        return next;
    }

    /** Replies that answered no delivered update (they would mean the matching above is wrong). */
    long unmatchedReplies() {
        return unmatchedReplies.get();
    }

    @Override
    public void delivering(List<ObjectNode> updates) {
        long now = System.nanoTime();
        for (ObjectNode update : updates) {
            // A redelivered update keeps its first delivery time: the bot may have had it all along.
            if (deliveredIds.add(update.path("update_id").asLong())) {
                long chat = chatOf(update);
                Deque<Long> line = deliveredByChat.computeIfAbsent(chat, id -> new ArrayDeque<>());
                synchronized (line) {
                    line.addLast(now);
                }
            }
        }
    }

    @Override
    public void called(BotApiCall call) {
        if (!call.method().equals("sendMessage") || !call.has("chat_id")) {
            return;
        }
        long now = System.nanoTime();
        Deque<Long> line = deliveredByChat.get(call.longParam("chat_id"));
        Long deliveredAt = null;
        if (line != null) {
            synchronized (line) {
                deliveredAt = line.pollFirst();
            }
        }
        Recording current = recording;
        if (deliveredAt == null || current == null) {
            unmatchedReplies.incrementAndGet();
            return;
        }
        current.add(now - deliveredAt, now);
    }

    private static long chatOf(ObjectNode update) {
        JsonNode message = update.has("callback_query") ? update.path("callback_query").path("message")
                : update.path("message");
        JsonNode chat = message.path("chat").path("id");
        if (!chat.canConvertToLong()) {
            throw new IllegalArgumentException("the benchmark only sends chat messages and button presses");
        }
        return chat.asLong();
    }

    /** The replies of one round. */
    static final class Recording {

        private final long[] latencies;
        private int count;
        private long lastReplyAt;
        /** What the waiter waits for: woken only then, not at every reply (each wake-up contends for this monitor). */
        private int awaited = Integer.MAX_VALUE;

        private Recording(int expected) {
            latencies = new long[expected];
        }

        private synchronized void add(long latencyNanos, long at) {
            if (count < latencies.length) {
                latencies[count] = latencyNanos;
            }
            count++;
            lastReplyAt = Math.max(lastReplyAt, at);
            if (count >= awaited) {
                notifyAll();
            }
        }

        /**
         * Waits until {@code replies} replies have arrived.
         *
         * @throws IllegalStateException when they do not arrive within {@code timeout}
         */
        synchronized void await(int replies, Duration timeout) throws InterruptedException {
            awaited = replies;
            MonitorWait.until(this, () -> count >= replies, timeout, () -> replies + " replies; " + count + " arrived");
        }

        /** The round as measured from {@code startedAt}; call after {@link #await} saw every reply. */
        synchronized RoundResult result(long startedAt) {
            if (count != latencies.length) {
                throw new IllegalStateException("expected " + latencies.length + " replies, got " + count);
            }
            return new RoundResult(count, lastReplyAt - startedAt, latencies.clone());
        }
    }
}
