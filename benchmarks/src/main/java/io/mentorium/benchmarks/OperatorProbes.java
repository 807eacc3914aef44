package io.mentorium.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What operators point at a running bot, from the moment it is ready: the orchestrator's readiness check and
 * Prometheus's scrape, each every {@link #INTERVAL} ({@code docker-compose.yml}'s health check interval).
 *
 * <p>Without them the first request to the bot's HTTP server came when a benchmark first read {@code /metrics}, at
 * the start of its measured rounds. Serving it loads the JDK's {@code SocketAdaptor}, a new subclass of
 * {@code java.net.Socket}; the JIT then throws away every compiled method that had inlined a {@code Socket} call on
 * the assumption that there was none (the database driver's and the HTTP client's hot paths) and compiles them again,
 * inside the measured rounds. A bot in service has been probed since its first seconds.
 */
final class OperatorProbes implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofSeconds(15);

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("operator-probes").factory());
    private final AtomicInteger answered = new AtomicInteger();
    private final int port;

    private OperatorProbes(int port) {
        this.port = port;
    }

    /** Starts probing {@code http://127.0.0.1:port}: the first probes are made before this returns. */
    static OperatorProbes start(HttpClient http, int port) {
        OperatorProbes probes = new OperatorProbes(port);
        List<URI> targets = List.of(URI.create("http://127.0.0.1:" + port + "/health/ready"),
                URI.create("http://127.0.0.1:" + port + "/metrics"));
        Runnable probe = () -> targets.forEach(target -> probes.get(http, target));
        probe.run();
        probes.timer.scheduleAtFixedRate(probe, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return probes;
    }

    /** The bot's HTTP port. */
    int port() {
        return port;
    }

    /** Probes that got a 200. */
    int answered() {
        return answered.get();
    }

    /** For the progress, at the end of a run. */
    String summary() {
        return String.format(Locale.ROOT, "%d operator probes answered (every %d s)", answered(),
                INTERVAL.toSeconds());
    }

    private void get(HttpClient http, URI target) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                answered.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // A probe that fails is what an operator would see too; the benchmark's own checks say why.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
