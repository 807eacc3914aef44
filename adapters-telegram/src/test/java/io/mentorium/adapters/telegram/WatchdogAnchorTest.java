package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okio.AsyncTimeout;
import org.junit.jupiter.api.Test;

/**
 * Counts the okio watchdog thread's wake-ups as the kernel does (its voluntary context switches, Linux only): the
 * anchor is there to keep a call's timeouts from waking it.
 */
class WatchdogAnchorTest {

    private static final Duration CALLS = Duration.ofSeconds(30);
    private static final int CALLS_ALONE = 50;

    @Test
    void aCallAloneInTheListWakesTheWatchdogUnlessTheAnchorIsAheadOfIt() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's procfs");
        enterAndExit(); // the watchdog thread starts with the first timeout ever entered

        long before = watchdogWaits();
        for (int i = 0; i < CALLS_ALONE; i++) {
            enterAndExit();
        }
        long unanchored = awaitWaitsFrom(before, CALLS_ALONE / 5) - before;

        long woken;
        try (WatchdogAnchor anchor = WatchdogAnchor.ahead(CALLS)) {
            awaitWaitsSettled();
            long anchored = watchdogWaits();
            for (int i = 0; i < CALLS_ALONE; i++) {
                enterAndExit();
            }
            woken = awaitWaitsSettled() - anchored;
        }

        assertThat(unanchored).as("wake-ups of the watchdog without the anchor")
                .isGreaterThanOrEqualTo(CALLS_ALONE / 5);
        assertThat(woken).as("wake-ups of the watchdog with the anchor").isLessThanOrEqualTo(2);
    }

    @Test
    void anAnchorNeedsCallsLongerThanItsRefreshes() {
        assertThatThrownBy(() -> WatchdogAnchor.ahead(Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
    }

    /** One socket read or write of a call: its timeout entered, a couple of milliseconds of waiting, then exited. */
    private static void enterAndExit() {
        AsyncTimeout timeout = new AsyncTimeout();
        timeout.timeout(CALLS.toNanos(), TimeUnit.NANOSECONDS);
        timeout.enter();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        timeout.exit();
    }

    private static long awaitWaitsFrom(long before, long atLeast) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long now = watchdogWaits();
        while (now - before < atLeast && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            now = watchdogWaits();
        }
        return now;
    }

    /** The count once it has not moved for 100 ms (at most 5 s): a wake-up is counted when the thread sleeps again. */
    private static long awaitWaitsSettled() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long last = watchdogWaits();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < TimeUnit.MILLISECONDS.toNanos(100) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            long now = watchdogWaits();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            }
        }
        return last;
    }

    private static long watchdogWaits() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> read(task.resolve("comm")).strip().equals("Okio Watchdog"))
                    .mapToLong(task -> voluntarySwitches(read(task.resolve("status")))).sum();
        }
    }

    private static long voluntarySwitches(String status) {
        return status.lines().filter(line -> line.startsWith("voluntary_ctxt_switches:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).sum();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException gone) {
            return "";
        }
    }
}
