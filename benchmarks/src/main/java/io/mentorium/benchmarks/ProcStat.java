package io.mentorium.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the benchmark needs: the parent and the CPU time in clock ticks.
 *
 * @param ppid   the parent process
 * @param utime  user time of the process itself (all its threads)
 * @param stime  system time of the process itself
 * @param cutime user time of its children that exited and were waited for
 * @param cstime system time of those children
 */
record ProcStat(long pid, long ppid, long utime, long stime, long cutime, long cstime) {

    /** Own CPU time: what a live process has used so far. */
    long ownTicks() {
        return utime + stime;
    }

    /**
     * Own CPU time plus that of its reaped children: for PostgreSQL's postmaster this includes every backend that
     * already ended, so that closing connections do not make CPU time disappear between two readings.
     */
    long ticksWithReapedChildren() {
        return utime + stime + cutime + cstime;
    }

    /**
     * Parses one {@code stat} line. The command name (field 2) is in parentheses and may itself contain spaces and
     * parentheses, so the fields are counted from the last closing parenthesis.
     */
    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).strip());
        // After ")": field 3 (state) is index 0, so field n is index n - 3.
        String[] fields = line.substring(close + 1).strip().split("\\s+");
        if (fields.length < 14) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + line);
        }
        return new ProcStat(pid, Long.parseLong(fields[4 - 3]), Long.parseLong(fields[14 - 3]),
                Long.parseLong(fields[15 - 3]), Long.parseLong(fields[16 - 3]), Long.parseLong(fields[17 - 3]));
    }

    /** The command name of a {@code stat} line (field 2, between the first and the last parenthesis). */
    static String command(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        return line.substring(open + 1, close);
    }

    /** The process's current figures, or empty when it is gone (or there is no procfs). */
    static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
