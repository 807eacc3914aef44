package io.mentorium.runner.bot.http;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One condition {@code GET /health/ready} depends on (a database reachable, polling alive). Registered under a name
 * with {@link OperationsServer.Builder#readiness(String, ReadinessCheck)}. A check that throws, or does not answer
 * within the server's readiness timeout, counts as DOWN.
 */
@FunctionalInterface
public interface ReadinessCheck {

    Result check() throws Exception;

    /**
     * @param reason why the check is DOWN, short and free of secrets (it is served to anyone who can reach the port);
     *               absent when UP
     */
    record Result(boolean up, String reason) {

        /** The one UP result: nothing more to say. */
        public static final Result UP = new Result(true, null);

        public Result {
            if (!up && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException("a DOWN result needs a reason");
            }
        }

        public static Result down(String reason) {
            return new Result(false, reason);
        }
    }

    /** UP while {@code condition} holds, else DOWN with {@code reasonWhenDown} (e.g. polling alive). */
    static ReadinessCheck when(BooleanSupplier condition, String reasonWhenDown) {
        Objects.requireNonNull(condition, "condition");
        Result down = Result.down(reasonWhenDown);
        return () -> condition.getAsBoolean() ? Result.UP : down;
    }

    /**
     * UP when {@code probe} completes, DOWN when it throws (e.g. {@code () -> jdbi.useHandle(h -> h.execute("select
     * 1"))}): the exception is logged by the server, only its type is served.
     */
    static ReadinessCheck succeeds(Probe probe) {
        Objects.requireNonNull(probe, "probe");
        return () -> {
            probe.run();
            return Result.UP;
        };
    }

    /** An action whose normal completion means "ready". */
    @FunctionalInterface
    interface Probe {
        void run() throws Exception;
    }
}
