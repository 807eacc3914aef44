package io.mentorium.adapters.telegram.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: how tests wait for something another thread does. */
public final class Eventually {

    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private Eventually() {
    }

    /** @throws AssertionError naming {@code what} when the condition does not hold within {@code timeout} */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
