package io.mentorium.runner.bot.http;

import io.mentorium.runner.bot.http.ReadinessCheck.Result;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the registered checks in parallel, each on its own virtual thread, and waits for them up to one shared
 * deadline. A check still running from an earlier probe is waited on again rather than started twice, so a check
 * that hangs for good costs one blocked virtual thread, not one per probe.
 */
final class Readiness {

    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    /** The outcome of one probe, checks in registration order. */
    record Report(boolean up, Map<String, Result> checks) {

        String toJson() {
            StringBuilder json = new StringBuilder("{\"status\":").append(status(up)).append(",\"checks\":{");
            String separator = "";
            for (Map.Entry<String, Result> check : checks.entrySet()) {
                Result result = check.getValue();
                json.append(separator).append(Json.string(check.getKey())).append(":{\"status\":")
                        .append(status(result.up()));
                if (result.reason() != null) {
                    json.append(",\"reason\":").append(Json.string(result.reason()));
                }
                json.append('}');
                separator = ",";
            }
            return json.append("}}").toString();
        }

        private static String status(boolean up) {
            return up ? "\"UP\"" : "\"DOWN\"";
        }
    }

    private record Registered(String name, ReadinessCheck check, AtomicReference<CompletableFuture<Result>> running) {
    }

    private final List<Registered> checks;
    private final Duration timeout;

    Readiness(Map<String, ReadinessCheck> checks, Duration timeout) {
        this.checks = checks.entrySet().stream()
                .map(check -> new Registered(check.getKey(), check.getValue(), new AtomicReference<>()))
                .toList();
        this.timeout = timeout;
    }

    Report evaluate() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<Result>> started = checks.stream().map(Readiness::start).toList();
        Map<String, Result> results = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            results.put(checks.get(i).name(), await(checks.get(i).name(), started.get(i), deadline));
        }
        return new Report(results.values().stream().allMatch(Result::up), results);
    }

    private static CompletableFuture<Result> start(Registered registered) {
        CompletableFuture<Result> previous = registered.running().get();
        if (previous != null && !previous.isDone()) {
            return previous;
        }
        CompletableFuture<Result> future = new CompletableFuture<>();
        if (!registered.running().compareAndSet(previous, future)) {
            return registered.running().get(); // a concurrent probe started it a moment ago
        }
        Thread.ofVirtual().name("readiness-" + registered.name()).start(() -> {
            try {
                Result result = registered.check().check();
                future.complete(result == null ? Result.down("check gave no result") : result);
            } catch (Throwable failure) {
                future.completeExceptionally(failure);
            }
        });
        return future;
    }

    private Result await(String name, CompletableFuture<Result> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            LOG.warn("Readiness check {} gave no answer within {} ms", name, timeout.toMillis());
            return Result.down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            LOG.warn("Readiness check {} failed", name, cause);
            // Only the type is served: messages of driver exceptions can name hosts and users.
            return Result.down("check failed: " + cause.getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted");
        }
    }
}
