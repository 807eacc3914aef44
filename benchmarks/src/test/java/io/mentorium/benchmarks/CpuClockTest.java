package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CpuClockTest {

    @Test
    void threadsOfOnePoolAreOneGroup() {
        assertThat(CpuClock.threadGroup("chat-worker-12")).isEqualTo("chat-worker-#");
        assertThat(CpuClock.threadGroup("C2 CompilerThre")).isEqualTo("C# CompilerThre");
        assertThat(CpuClock.threadGroup("GC Thread#0")).isEqualTo("GC Thread##");
        assertThat(CpuClock.threadGroup("telegram-pollin")).isEqualTo("telegram-pollin");
    }

    @Test
    void perUnitListsTheLargestSpendersFirstAndLeavesOutIdleOnes() {
        Map<String, Long> before = Map.of("chat-worker-#", 1_000_000L, "idle", 5_000_000L);
        Map<String, Long> after = new LinkedHashMap<>();
        after.put("idle", 5_000_000L);
        after.put("chat-worker-#", 3_000_000L);
        after.put("GC Thread##", 4_000_000L);

        assertThat(CpuClock.perUnit(before, after, 1_000, 1e6)).isEqualTo("GC Thread## 0.004, chat-worker-# 0.002");
        assertThat(CpuClock.perUnit(after, after, 1_000, 1e6)).isEqualTo("none");
    }

    @Test
    void threadsOfOneGroupAddUpAndOnlyThoseStillAliveCount() {
        // Two threads of one pool, one of which ended between the readings and one that started after the first.
        Map<String, Long> before = Map.of("sender-#/11", 1_000_000L, "sender-#/12", 2_000_000L);
        Map<String, Long> after = Map.of("sender-#/11", 4_000_000L, "sender-#/13", 1_000_000L);

        assertThat(CpuClock.perUnit(before, after, 1_000, 1e6)).isEqualTo("sender-# 0.004");
        assertThat(CpuClock.liveGrowth(before, after)).isEqualTo(4_000_000L);
    }

    @Test
    void threadsThatEndedMeanwhileSpentWhatTheProcessSpentBeyondItsLiveThreadsAndNeverLessThanNothing() {
        Map<String, Long> before = Map.of("sender-#/11", 1_000_000L, "sender-#/12", 2_000_000L);
        Map<String, Long> after = Map.of("sender-#/11", 4_000_000L);

        assertThat(CpuClock.endedMeanwhile(5_000_000L, before, after)).as("thread 12 ended").isEqualTo(2_000_000L);
        // The process read a tick before its threads: no thread ended, and none spent less than nothing.
        assertThat(CpuClock.endedMeanwhile(2_990_000L, before, after)).isZero();
    }

    @Test
    void theCompilersPartIsItsThreadsGroups() {
        Map<String, Long> reading = Map.of("C# CompilerThre", 7L, "chat-worker-#", 100L, "GC Thread##", 3L);

        assertThat(CpuClock.compilerNanos(reading)).isEqualTo(7);
    }

    @Test
    void beyondTenGroupsTheRestAreSummedUp() {
        Map<String, Long> after = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            after.put("pool-" + (char) ('a' + i), (12L - i) * 1_000_000L);
        }

        String line = CpuClock.perUnit(Map.of(), after, 1_000, 1e6);

        assertThat(line).startsWith("pool-a 0.012, pool-b 0.011").endsWith("pool-j 0.003, the rest 0.003");
    }

    @Test
    void thisProcesssThreadsAreReadByGroup() throws InterruptedException {
        CpuClock clock = CpuClock.system();
        long self = ProcessHandle.current().pid();
        CountDownLatch release = new CountDownLatch(1);
        Thread waiter = Thread.ofPlatform().name("clock-test-1").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (waiter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }

            Map<String, Long> nanos = clock.threadNanos(self);
            assertThat(nanos.keySet()).filteredOn(thread -> thread.startsWith("clock-test-#/")).hasSize(1);
            assertThat(nanos).allSatisfy((thread, spent) -> assertThat(spent).isNotNegative());
            assertThat(clock.threadWaits(self)).hasEntrySatisfying(
                    nanos.keySet().stream().filter(thread -> thread.startsWith("clock-test-#/")).findFirst()
                            .orElseThrow(), waits -> assertThat(waits).isPositive());
        } finally {
            release.countDown();
            waiter.join();
        }
    }
}
