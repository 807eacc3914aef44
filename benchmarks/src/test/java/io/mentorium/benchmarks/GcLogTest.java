package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void readsHeapAfterEachPauseAndCountsFullCollections() {
        GcLog log = GcLog.parse(List.of(
                "[0.012s][info][gc] Using G1",
                "[3.100s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(512M) 3.500ms",
                "[9.200s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 300M->180M(512M) 7.250ms",
                "[9.300s][info][gc] GC(2) Concurrent Mark Cycle",
                "[9.400s][info][gc] GC(2) Pause Remark 190M->188M(512M) 1.000ms",
                "[12.000s][info][gc] GC(3) Pause Full (G1 Compaction Pause) 510M->420M(512M) 120.250ms",
                "[13.000s][info][gc] GC(4) Pause Young (Allocation Failure) 2048K->1024K(1G) 0.250ms"));

        assertThat(log.collections()).isEqualTo(5);
        assertThat(log.fullGcs()).isEqualTo(1);
        assertThat(log.peakAfterMb()).isEqualTo(420.0);
        assertThat(log.peakBeforeMb()).isEqualTo(510.0);
        assertThat(log.committedMb()).isEqualTo(1024.0);
        assertThat(log.pauseMillis()).isCloseTo(132.25, within(1e-9));
        assertThat(log.maxPauseMillis()).isEqualTo(120.25);
    }

    @Test
    void pausesOfLinesWithTheWallClockTimeAreListedWithWhenTheyEnded() {
        List<String> lines = List.of(
                "[2026-12-05T19:19:25.100+0000][0.012s][info][gc] Using G1",
                "[2026-12-05T19:19:30.250+0000][5.162s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause)"
                        + " 25M->4M(512M) 3.500ms",
                "[2026-12-05T19:19:31.000+0000][5.912s][info][gc] GC(1) Concurrent Mark Cycle",
                "[2026-12-05T19:19:31.400+0000][6.312s][info][gc] GC(1) Pause Remark 190M->188M(512M) 41.000ms",
                "[7.000s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(512M) 2.000ms");

        assertThat(GcLog.pauses(lines)).containsExactly(
                new GcLog.Pause(Instant.parse("2026-12-05T19:19:30.250Z"), 3.5),
                new GcLog.Pause(Instant.parse("2026-12-05T19:19:31.400Z"), 41.0));
        // The decoration changes nothing else that is read.
        assertThat(GcLog.parse(lines).collections()).isEqualTo(3);
        assertThat(GcLog.parse(lines).maxPauseMillis()).isEqualTo(41.0);
    }

    @Test
    void readsZgcCollectionsAndCountsItsAllocationStallsAsPauses() {
        GcLog log = GcLog.parse(List.of(
                "[0.036s][info][gc] Using The Z Garbage Collector",
                "[0.528s][info][gc] GC(0) Garbage Collection (Warmup) 32M(12%)->20M(8%)",
                "[0.689s][info][gc] Allocation Stall (main) 23.660ms",
                "[0.691s][info][gc] GC(2) Garbage Collection (Allocation Stall) 256M(100%)->22M(9%)",
                "[0.745s][info][gc] Allocation Stall (chat-worker-3) 9.644ms",
                "[0.984s][info][gc] GC(9) Minor Collection (Allocation Rate) 102M(40%)->36M(14%)"));

        assertThat(log.collections()).isEqualTo(3);
        assertThat(log.fullGcs()).isZero();
        assertThat(log.peakAfterMb()).isEqualTo(36.0);
        assertThat(log.peakBeforeMb()).isEqualTo(256.0);
        assertThat(log.pauseMillis()).isCloseTo(33.304, within(1e-9));
        assertThat(log.maxPauseMillis()).isEqualTo(23.66);
    }

    @Test
    void noPausesNoFigures() {
        assertThat(GcLog.parse(List.of("[0.012s][info][gc] Using Serial"))).isEqualTo(new GcLog(0, 0, 0, 0, 0, 0, 0));
    }
}
