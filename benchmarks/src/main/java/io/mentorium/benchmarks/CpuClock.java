package io.mentorium.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time used by processes the benchmark does not run in its own JVM, read from procfs. Linux only: the figures the
 * benchmark is after (CPU per update) have no portable source for a process tree.
 */
final class CpuClock {

    /**
     * Warm-up ends once a JVM's JIT compiler threads used at most this share of its CPU over a round or wave: what is
     * measured is the steady state an operator's bot runs in for days, not its first minutes. Both benchmarks use it.
     */
    static final double JIT_SETTLED = 0.05;

    private final long nanosPerTick;

    private CpuClock(long ticksPerSecond) {
        this.nanosPerTick = TimeUnit.SECONDS.toNanos(1) / ticksPerSecond;
    }

    /** Asks {@code getconf CLK_TCK} once; 100 is what every mainstream Linux kernel uses. */
    static CpuClock system() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).strip();
            getconf.waitFor(5, TimeUnit.SECONDS);
            return new CpuClock(Long.parseLong(out));
        } catch (IOException | RuntimeException e) {
            return new CpuClock(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CpuClock(100);
        }
    }

    /** {@code part} as a share of {@code whole}; 0 when nothing was spent. */
    static double share(long part, long whole) {
        return whole <= 0 ? 0 : (double) part / whole;
    }

    /** CPU time of one process (all its threads) so far. */
    long processNanos(long pid) {
        ProcStat stat = ProcStat.read(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
        return stat.ownTicks() * nanosPerTick;
    }

    /**
     * CPU time of a JVM's JIT compiler threads so far (HotSpot names them "C1 CompilerThread<n>" and "C2
     * CompilerThread<n>", which the kernel cuts to 15 characters): how much of a process's CPU is still compiling.
     * Threads that already ended are not counted; HotSpot keeps at least one compiler thread of each kind alive.
     */
    long compilerNanos(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.mapToLong(task -> {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    return ProcStat.command(line).contains("CompilerThre") ? ProcStat.parse(line).ownTicks() : 0;
                } catch (IOException | RuntimeException gone) {
                    return 0;
                }
            }).sum() * nanosPerTick;
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone", e);
        }
    }

    /**
     * CPU time of the children this JVM has waited for: a finished child's whole CPU time, readable after it exited
     * (while it runs, {@link #processNanos} tells).
     */
    long reapedChildrenNanos() {
        ProcStat self = ProcStat.read(ProcessHandle.current().pid())
                .orElseThrow(() -> new IllegalStateException("procfs does not show this process"));
        return (self.cutime() + self.cstime()) * nanosPerTick;
    }

    /**
     * CPU time of a server and its worker processes so far: the parent's own and reaped children's time plus each live
     * child's (and what they reaped). Grandchildren are not expected (PostgreSQL forks everything from the postmaster).
     */
    long treeNanos(long parentPid) {
        ProcStat parent = ProcStat.read(parentPid)
                .orElseThrow(() -> new IllegalStateException("process " + parentPid + " is gone"));
        return treeTicks(parent, children(parentPid)) * nanosPerTick;
    }

    static long treeTicks(ProcStat parent, List<ProcStat> children) {
        return parent.ticksWithReapedChildren()
                + children.stream().filter(child -> child.ppid() == parent.pid())
                        .mapToLong(ProcStat::ticksWithReapedChildren).sum();
    }

    private static List<ProcStat> children(long parentPid) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .map(ProcStat::read)
                    .flatMap(java.util.Optional::stream)
                    .filter(stat -> stat.ppid() == parentPid)
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }
}
