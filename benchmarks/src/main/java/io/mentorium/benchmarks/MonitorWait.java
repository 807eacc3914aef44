package io.mentorium.benchmarks;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting on an object's monitor, which the caller holds, for a condition its owner signals with notifyAll. */
final class MonitorWait {

    private MonitorWait() {
    }

    /**
     * @throws IllegalStateException when {@code done} does not hold within {@code timeout}; the message says
     *                               {@code what} was awaited
     */
    static void until(Object monitor, BooleanSupplier done, Duration timeout, Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what.get());
            }
            monitor.wait(Math.max(1, left / 1_000_000));
        }
    }
}
