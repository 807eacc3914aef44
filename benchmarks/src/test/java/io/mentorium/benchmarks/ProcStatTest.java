package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    /** A real line of a postmaster (fields 14–17: utime 1523, stime 411, cutime 98765, cstime 4321). */
    private static final String POSTMASTER = "4242 (postgres) S 1 4242 4242 0 -1 4194560 12510 2150031 0 137 1523 411"
            + " 98765 4321 20 0 1 0 91201 231043072 7421 18446744073709551615 1 1 0 0 0 0 4194304 19935232 84487 0 0"
            + " 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    @Test
    void readsParentAndCpuFieldsCountedFromTheEndOfTheCommandName() {
        ProcStat stat = ProcStat.parse(POSTMASTER);

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.ppid()).isEqualTo(1);
        assertThat(stat.ownTicks()).isEqualTo(1523 + 411);
        assertThat(stat.ticksWithReapedChildren()).isEqualTo(1523 + 411 + 98765 + 4321);
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "77 (java (main) x) R 42 77 77 0 -1 0 0 0 0 0 250 30 0 0 20 0 30 0 1 1 1";

        ProcStat stat = ProcStat.parse(line);

        assertThat(stat.ppid()).isEqualTo(42);
        assertThat(stat.utime()).isEqualTo(250);
        assertThat(stat.stime()).isEqualTo(30);
    }

    @Test
    void theCommandNameIsWhatLiesBetweenTheFirstAndTheLastParenthesis() {
        assertThat(ProcStat.command("77 (java (main) x) R 42 77 77 0")).isEqualTo("java (main) x");
        assertThat(ProcStat.command("91 (C2 CompilerThre) S 1 91 91 0")).isEqualTo("C2 CompilerThre");
        assertThatThrownBy(() -> ProcStat.command("no parentheses")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisJvmsCompilerThreadsHaveUsedSomeButNotAllOfItsCpu() {
        long pid = ProcessHandle.current().pid();
        CpuClock clock = CpuClock.system();

        // By the time a test runs, the JIT has compiled the test framework's hot methods.
        long compiling = clock.compilerNanos(pid);
        assertThat(compiling).isPositive().isLessThan(clock.processNanos(pid));
    }

    @Test
    void rejectsWhatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.parse("not a stat line")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("1 (x) S 0 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisJvmIsReadableAndItsCpuTimeGrowsWithWork() {
        long pid = ProcessHandle.current().pid();
        CpuClock clock = CpuClock.system();
        long before = clock.processNanos(pid);
        long sink = 0;
        // Spin until the process has used 100 ms of CPU; on a busy machine that takes longer than 100 ms of wall
        // time, so only a generous deadline bounds it (a clock that never moved would hit it).
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (clock.processNanos(pid) - before < 100_000_000L && System.nanoTime() < deadline) {
            for (int i = 0; i < 100_000; i++) {
                sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
            }
        }

        assertThat(ProcStat.read(pid)).get().extracting(ProcStat::pid).isEqualTo(pid);
        assertThat(clock.processNanos(pid) - before).as("CPU after spinning (%d)", sink)
                .isGreaterThanOrEqualTo(100_000_000L);
    }

    @Test
    void aServerTreeCountsItsOwnItsReapedAndItsLiveChildrensTimeButNotOtherProcesses() {
        ProcStat postmaster = new ProcStat(10, 1, 5, 2, 100, 20);
        ProcStat backend = new ProcStat(11, 10, 30, 4, 0, 0);
        ProcStat walWriter = new ProcStat(12, 10, 1, 6, 0, 0);
        ProcStat unrelated = new ProcStat(13, 1, 999, 999, 0, 0);

        long ticks = CpuClock.treeTicks(postmaster, List.of(backend, walWriter, unrelated));

        assertThat(ticks).isEqualTo(5 + 2 + 100 + 20 + 30 + 4 + 1 + 6);
    }
}
