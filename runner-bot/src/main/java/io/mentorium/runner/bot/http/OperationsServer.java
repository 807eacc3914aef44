package io.mentorium.runner.bot.http;

import io.mentorium.runner.bot.metrics.MetricsRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP server for operators and, in later issues, provider callbacks: {@code GET /health/live},
 * {@code GET /health/ready} (every {@link ReadinessCheck}), {@code GET /metrics} (Prometheus text) and whatever
 * {@link Builder#route mounted routes} add. Jetty's core API, no servlets; handlers run on virtual threads.
 *
 * <p>Not started by building it: the runner calls {@link #start()} once the graph is ready and {@link #stop()} while
 * shutting down.
 */
public final class OperationsServer implements AutoCloseable {

    /** Larger request bodies get 413; no provider callback comes near it. */
    public static final int MAX_REQUEST_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OperationsServer.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofMillis(100);

    private final String host;
    private final int requestedPort;
    private final Router router;
    private Server server;
    private ServerConnector connector;

    private OperationsServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        Readiness readiness = new Readiness(builder.checks, builder.readinessTimeout);
        Map<String, Map<String, HttpRoute>> routes = new LinkedHashMap<>();
        add(routes, "GET", "/health/live", call -> HttpReply.json(200, "{\"status\":\"UP\"}"));
        add(routes, "GET", "/health/ready", call -> {
            Readiness.Report report = readiness.evaluate();
            return HttpReply.json(report.up() ? 200 : 503, report.toJson());
        });
        if (builder.metrics != null) {
            MetricsRegistry metrics = builder.metrics;
            add(routes, "GET", "/metrics", call -> new HttpReply(200, MetricsRegistry.CONTENT_TYPE, metrics.scrape()));
        }
        builder.routes.forEach((path, byMethod) ->
                byMethod.forEach((method, route) -> add(routes, method, path, route)));
        this.router = new Router(routes, MAX_REQUEST_BODY_BYTES);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds and starts serving.
     *
     * @return the port bound, the one asked for or, for port 0, the free one the system chose
     * @throws IllegalStateException when the address cannot be bound (in use, not local), with the address named
     */
    public synchronized int start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        // Jetty's recommended shape: a few platform threads for selecting, handlers on (bounded) virtual threads.
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("http");
        VirtualThreadPool handlers = new VirtualThreadPool(256);
        handlers.setName("http-handler");
        threads.setVirtualThreadsExecutor(handlers);

        Server candidate = new Server(threads);
        ServerConnector candidateConnector = new ServerConnector(candidate, 1, 1);
        candidateConnector.setHost(host);
        candidateConnector.setPort(requestedPort);
        // When stopping, idle keep-alive connections are closed after this instead of Jetty's default second;
        // requests in flight are still waited for (GracefulHandler, up to the stop timeout).
        candidateConnector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
        candidate.addConnector(candidateConnector);
        // GracefulHandler lets stop() wait for requests in flight (up to the stop timeout) instead of cutting them.
        candidate.setHandler(new GracefulHandler(router));
        candidate.setErrorHandler(new JsonErrorHandler());
        candidate.setStopTimeout(STOP_TIMEOUT.toMillis());
        try {
            candidate.start();
        } catch (Exception failure) {
            stopQuietly(candidate);
            throw new IllegalStateException("the HTTP server cannot listen on " + host + ":" + requestedPort + ": "
                    + failure.getMessage(), failure);
        }
        server = candidate;
        connector = candidateConnector;
        int port = connector.getLocalPort();
        LOG.info("HTTP server listening on {}:{}", host, port);
        return port;
    }

    /** The bound port; only while started. */
    public synchronized int port() {
        if (connector == null) {
            throw new IllegalStateException("not started");
        }
        return connector.getLocalPort();
    }

    /**
     * Stops accepting connections, lets requests in flight finish for up to five seconds and releases the port.
     * Does nothing when not started.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        stopQuietly(server);
        server = null;
        connector = null;
        LOG.info("HTTP server stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception failure) {
            LOG.warn("The HTTP server did not stop cleanly", failure);
        }
    }

    private static void add(Map<String, Map<String, HttpRoute>> routes, String method, String path, HttpRoute route) {
        HttpRoute previous = routes.computeIfAbsent(path, any -> new LinkedHashMap<>()).putIfAbsent(method, route);
        if (previous != null) {
            throw new IllegalArgumentException(method + " " + path + " is mounted twice");
        }
    }

    /** Collects what the server serves; {@link #build()} validates it. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 0;
        private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
        private Duration readinessTimeout = Duration.ofSeconds(2);
        private MetricsRegistry metrics;
        private final Map<String, Map<String, HttpRoute>> routes = new LinkedHashMap<>();

        private Builder() {
        }

        /** Where to listen ({@code HTTP_BIND}, {@code HTTP_PORT}); port 0 takes any free port. Default 127.0.0.1:0. */
        public Builder bind(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /** Adds a condition of {@code /health/ready}, reported under {@code name} in registration order. */
        public Builder readiness(String name, ReadinessCheck check) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a readiness check needs a name");
            }
            if (checks.putIfAbsent(name, Objects.requireNonNull(check, "check")) != null) {
                throw new IllegalArgumentException("readiness check " + name + " is registered twice");
            }
            return this;
        }

        /** How long {@code /health/ready} waits for its checks; a check slower than this is DOWN. Default 2 s. */
        public Builder readinessTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the readiness timeout must be positive");
            }
            this.readinessTimeout = timeout;
            return this;
        }

        /** Serves {@code GET /metrics} from this registry; without it there is no {@code /metrics}. */
        public Builder metrics(MetricsRegistry registry) {
            this.metrics = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Mounts {@code route} for one method on one exact path (no patterns), e.g.
         * {@code route("POST", "/payments/payme", payme)}. The built-in paths cannot be taken.
         */
        public Builder route(String method, String path, HttpRoute route) {
            if (method == null || !method.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException("not an HTTP method: " + method);
            }
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a route path starts with /: " + path);
            }
            Objects.requireNonNull(route, "route");
            add(routes, method.toUpperCase(Locale.ROOT), path, route);
            return this;
        }

        /** @throws IllegalArgumentException when a route collides with a built-in one */
        public OperationsServer build() {
            return new OperationsServer(this);
        }
    }
}
