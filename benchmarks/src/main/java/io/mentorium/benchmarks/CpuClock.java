package io.mentorium.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
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
        return compilerNanos(threadNanos(pid));
    }

    /** The compiler threads' part of a {@link #threadNanos} reading (keys as {@link #threadNanos} makes them). */
    static long compilerNanos(Map<String, Long> threadNanos) {
        return threadNanos.entrySet().stream().filter(group -> group.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * CPU time so far of each of a process's live threads, keyed by its {@link #threadGroup group} and id
     * ({@code group/id}): where a process's CPU goes, as the kernel counted it (garbage collection and the compiler
     * included, which a Java profiler's samples leave out). Threads that already ended are not in it: what they spent
     * between two readings is {@link #endedMeanwhile} (a thread pool's idle threads ending, for one).
     */
    Map<String, Long> threadNanos(long pid) {
        return byThread(pid, "stat", stat -> ProcStat.parse(stat).ownTicks() * nanosPerTick);
    }

    /**
     * How often a process's live threads went to sleep waiting for something so far (the kernel's voluntary context
     * switches), keyed as {@link #threadNanos} keys them: each is a wake-up later, which costs CPU that a Java
     * profiler does not see (the kernel's and, in a virtual machine, the hypervisor's).
     */
    Map<String, Long> threadWaits(long pid) {
        return byThread(pid, "status", status -> {
            int at = status.indexOf("\nvoluntary_ctxt_switches:");
            if (at < 0) {
                return 0L;
            }
            int end = status.indexOf('\n', at + 1);
            String count = status.substring(status.indexOf(':', at) + 1, end < 0 ? status.length() : end);
            return Long.parseLong(count.strip());
        });
    }

    private static Map<String, Long> byThread(long pid, String file, ToLongFunction<String> figure) {
        Map<String, Long> byThread = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String content = file.equals("stat") ? stat : Files.readString(task.resolve(file));
                    byThread.put(threadGroup(ProcStat.command(stat)) + "/" + task.getFileName(),
                            figure.applyAsLong(content));
                } catch (IOException | RuntimeException gone) {
                    // The thread ended between listing and reading.
                }
            });
            return byThread;
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone", e);
        }
    }

    /**
     * The groups whose figure grew most between two readings, as the growth per unit of work divided by {@code scale}
     * (1e6 for nanoseconds as milliseconds), largest first: the ten largest, then the rest together. Each thread alive
     * at the second reading counts from the first (or from its start); threads that ended meanwhile are not counted.
     */
    static String perUnit(Map<String, Long> before, Map<String, Long> after, long units, double scale) {
        Map<String, Long> grown = new TreeMap<>();
        after.forEach((thread, figure) -> grown.merge(groupOf(thread), figure - before.getOrDefault(thread, 0L),
                Long::sum));
        List<Map.Entry<String, Long>> spent = grown.entrySet().stream()
                .filter(group -> group.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .toList();
        StringBuilder line = new StringBuilder();
        long rest = 0;
        for (int i = 0; i < spent.size(); i++) {
            if (i < 10) {
                line.append(i == 0 ? "" : ", ").append(spent.get(i).getKey()).append(' ')
                        .append(perUnit(spent.get(i).getValue(), units, scale));
            } else {
                rest += spent.get(i).getValue();
            }
        }
        if (rest > 0) {
            line.append(", the rest ").append(perUnit(rest, units, scale));
        }
        return line.isEmpty() ? "none" : line.toString();
    }

    /** What the threads alive at the second of two readings spent between them (each from its start, if later). */
    static long liveGrowth(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().mapToLong(thread -> thread.getValue()
                - before.getOrDefault(thread.getKey(), 0L)).sum();
    }

    /**
     * What threads that ended between two readings spent: the process's CPU over that time less its live threads'
     * ({@link #liveGrowth}). The process's figure and the threads' are read one after the other, a few clock ticks
     * apart, so with no thread ended the difference can come out a tick or two below zero; that is the readings'
     * noise, not CPU, and counts as none.
     */
    static long endedMeanwhile(long processSpent, Map<String, Long> before, Map<String, Long> after) {
        return Math.max(0, processSpent - liveGrowth(before, after));
    }

    /** A key of {@link #threadNanos} without its thread's id. */
    private static String groupOf(String thread) {
        int slash = thread.lastIndexOf('/');
        return slash < 0 ? thread : thread.substring(0, slash);
    }

    private static String perUnit(long growth, long units, double scale) {
        return String.format(Locale.ROOT, "%.3f", units <= 0 ? 0 : growth / scale / units);
    }

    /** A thread's kernel name with its numbers as {@code #}: the threads of one pool become one group. */
    static String threadGroup(String name) {
        return name.replaceAll("[0-9]+", "#");
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
