package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.Prepared;
import io.mentorium.application.port.out.Messenger.SendChart;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Draws the charts the relay holds ahead of their send ({@link Messenger#prepare}), in the order they were queued, on
 * a pool of platform threads of its own, at most {@code ahead} of them drawn and not yet sent at a time.
 *
 * <p>A chart costs milliseconds of CPU to draw, a text nothing. Drawn on the sending virtual threads, charts took the
 * carrier threads the dispatcher and the HTTP calls need, and a report run alternated between stretches of texts that
 * left the CPU idle and stretches of charts that it could not keep up with. Drawn here, the work runs steadily while
 * anything is queued, and a send finds its picture ready. The bound keeps the memory small (a chart is about 12 KB
 * of PNG); a chart beyond it, or whose drawing has not begun when its turn comes, is drawn by its send as before.
 */
final class ChartsAhead {

    private final Messenger messenger;
    private final int threads;
    private final int ahead;
    /** Queued charts whose drawing has not begun, in queue order. */
    private final LinkedHashMap<Long, SendChart> waiting = new LinkedHashMap<>();
    /** Charts being drawn or drawn, not yet taken by their send. */
    private final Map<Long, CompletableFuture<Prepared>> begun = new HashMap<>();
    private ExecutorService pool;
    private boolean stopped;

    ChartsAhead(Messenger messenger, int threads, int ahead) {
        if (threads < 1 || ahead < 1) {
            throw new IllegalArgumentException("threads and ahead must be at least 1");
        }
        this.messenger = messenger;
        this.threads = threads;
        this.ahead = ahead;
    }

    /**
     * As many threads as the machine has cores, and a bound of half a second of sending at {@code perSecond} (16 to
     * 256 charts): charts are drawn in the order they go, so a short lead keeps the threads busy, and a longer one
     * would only draw early what a CPU-bound relay sends much later.
     */
    static ChartsAhead forRate(Messenger messenger, int perSecond) {
        return new ChartsAhead(messenger, Math.max(1, Runtime.getRuntime().availableProcessors()),
                Math.clamp(perSecond / 2, 16, 256));
    }

    /** The relay now holds this message: a chart is drawn when its turn comes. */
    synchronized void queued(QueuedMessage message) {
        if (!stopped && message.message() instanceof SendChart chart) {
            waiting.put(message.id(), chart);
            feed();
        }
    }

    /** The message is being sent now: its drawing if it began (it may still be under way), else empty. */
    synchronized Optional<CompletableFuture<Prepared>> take(long id) {
        waiting.remove(id);
        CompletableFuture<Prepared> drawing = begun.remove(id);
        feed();
        return Optional.ofNullable(drawing);
    }

    /** The message will not be sent by this relay (given up, its chat blocked the bot). */
    synchronized void forget(long id) {
        waiting.remove(id);
        CompletableFuture<Prepared> drawing = begun.remove(id);
        if (drawing != null) {
            drawing.cancel(false);
        }
        feed();
    }

    /** Charts drawn or being drawn and not yet sent. */
    synchronized int held() {
        return begun.size();
    }

    synchronized void stop() {
        stopped = true;
        waiting.clear();
        begun.values().forEach(drawing -> drawing.cancel(false));
        begun.clear();
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Under this object's lock. */
    private void feed() {
        while (!stopped && begun.size() < ahead && !waiting.isEmpty()) {
            Map.Entry<Long, SendChart> next = waiting.pollFirstEntry();
            if (pool == null) {
                // Only a relay that meets a chart pays for the threads.
                pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("chart-ahead-", 0).daemon(true)
                        .factory());
            }
            try {
                begun.put(next.getKey(), CompletableFuture.supplyAsync(() -> messenger.prepare(next.getValue()),
                        pool));
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }
}
