package io.mentorium.runner.scheduler;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The scheduler's three operational endpoints on the JDK's HTTP server: {@code /health/live}, {@code /health/ready}
 * and {@code /metrics}. Deliberately tiny rather than a copy of runner-bot's webhook-capable server: the scheduler
 * serves no webhooks, and runners do not share code with each other. The JSON matches the bot's health answers.
 */
final class OperationsHttp implements AutoCloseable {

    /** One readiness check: empty when ready, otherwise the reason. */
    @FunctionalInterface
    interface Check {
        Optional<String> problem();
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private OperationsHttp(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static OperationsHttp start(String bind, int port, Map<String, Check> readiness, Supplier<String> metrics)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        Map<String, Check> checks = new LinkedHashMap<>(readiness);
        server.createContext("/health/live", exchange -> {
            if (onlyGet(exchange)) {
                send(exchange, 200, "application/json", "{\"status\":\"UP\"}");
            }
        });
        server.createContext("/health/ready", exchange -> {
            if (onlyGet(exchange)) {
                boolean up = true;
                StringBuilder json = new StringBuilder();
                String separator = "";
                for (Map.Entry<String, Check> check : checks.entrySet()) {
                    Optional<String> problem = problemOf(check.getValue());
                    up &= problem.isEmpty();
                    json.append(separator).append(quoted(check.getKey())).append(":{\"status\":")
                            .append(problem.isEmpty() ? "\"UP\"" : "\"DOWN\"");
                    problem.ifPresent(reason -> json.append(",\"reason\":").append(quoted(reason)));
                    json.append('}');
                    separator = ",";
                }
                send(exchange, up ? 200 : 503, "application/json",
                        "{\"status\":" + (up ? "\"UP\"" : "\"DOWN\"") + ",\"checks\":{" + json + "}}");
            }
        });
        server.createContext("/metrics", exchange -> {
            if (onlyGet(exchange)) {
                send(exchange, 200, SchedulerMetrics.CONTENT_TYPE, metrics.get());
            }
        });
        server.createContext("/", exchange -> send(exchange, 404, "application/json", "{\"error\":\"not found\"}"));
        // Virtual threads: a readiness probe waits up to its database timeout without holding a platform thread.
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new OperationsHttp(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static Optional<String> problemOf(Check check) {
        try {
            return check.problem();
        } catch (RuntimeException failure) {
            return Optional.of(failure.getClass().getSimpleName());
        }
    }

    private static boolean onlyGet(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "application/json", "{\"error\":\"method not allowed\"}");
        return false;
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
