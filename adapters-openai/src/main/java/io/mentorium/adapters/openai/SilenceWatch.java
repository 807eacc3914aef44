package io.mentorium.adapters.openai;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gives up model requests that have heard nothing from the server for longer than the read timeout: one timer for
 * every request, where the HTTP client's read timeout would cost each read of each stream.
 *
 * <p>Why not OkHttp's read timeout: OkHttp 4 arms it around every socket read by inserting the read into one list of
 * pending timeouts, kept sorted by deadline and guarded by one lock for the whole JVM. With hundreds of answers
 * streaming at once, a chunk's read walked past every other stream's entry: about a tenth of the bot's CPU in the
 * assistant benchmark, and a lock every answer thread contended for (docs/PERFORMANCE.md). Here a read costs a clock
 * reading, and a check every quarter of the timeout looks at each request once. A silent request is cancelled like a
 * timed-out one (its HTTP call, which closes the socket and wakes the blocked read); its failure is retryable.
 */
final class SilenceWatch implements AutoCloseable {

    private final long limitNanos;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    SilenceWatch(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the silence limit must be positive: " + limit);
        }
        this.limitNanos = limit.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("openai-silence-watch")
                .daemon(true).factory());
        long period = Math.clamp(limitNanos / 4, TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(1));
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
    }

    /** Starts watching a request; {@code giveUp} cancels it. Close the result when the request is over. */
    Watched watch(Runnable giveUp) {
        Watched request = new Watched(giveUp);
        watched.add(request);
        return request;
    }

    private void check() {
        long now = System.nanoTime();
        for (Watched request : watched) {
            if (now - request.heard > limitNanos && watched.remove(request)) {
                request.silent = true;
                try {
                    request.giveUp.run();
                } catch (RuntimeException e) {
                    // A cancel that failed leaves the request to the shell's timeout; the timer must go on.
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request being watched. */
    final class Watched implements AutoCloseable {

        private final Runnable giveUp;
        private volatile long heard = System.nanoTime();
        private volatile boolean silent;

        private Watched(Runnable giveUp) {
            this.giveUp = giveUp;
        }

        /** Whether the request was given up for its silence. */
        boolean silent() {
            return silent;
        }

        /** The response body, each read of which counts as hearing from the server. */
        InputStream listenTo(InputStream body) {
            heard = System.nanoTime();
            return new FilterInputStream(body) {
                @Override
                public int read() throws IOException {
                    int read = super.read();
                    heard = System.nanoTime();
                    return read;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    heard = System.nanoTime();
                    return read;
                }
            };
        }

        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
