package io.mentorium.benchmarks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bot's unified GC log ({@code -Xlog:gc:file=…}) says about a phase: the heap occupied after each collection,
 * how long the pauses were, and whether a full collection happened. Only the summary lines are read: G1's pauses, e.g.
 * {@code [12.3s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 310M->95M(512M) 4.321ms}, and ZGC's
 * collections and allocation stalls, e.g. {@code GC(9) Garbage Collection (Allocation Rate) 102M(40%)->36M(14%)} and
 * {@code Allocation Stall (main) 23.660ms}. ZGC never stops the whole bot for long; a thread that allocates faster than
 * it collects stalls, and a stall is what a menu on that thread waits, so stalls count as its pauses.
 *
 * @param collections  pauses with a heap transition
 * @param fullGcs      of which full collections
 * @param peakAfterMb  the largest heap occupancy right after a collection, in MB (the live set plus what survived)
 * @param peakBeforeMb the largest heap occupancy right before a collection, in MB
 * @param committedMb  the largest committed heap, in MB
 * @param pauseMillis  all pauses together
 * @param maxPauseMillis the longest pause
 */
record GcLog(int collections, int fullGcs, double peakAfterMb, double peakBeforeMb, double committedMb,
             double pauseMillis, double maxPauseMillis) {

    private static final Pattern PAUSE = Pattern.compile(
            "GC\\(\\d+\\) (Pause .*?)\\s(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)\\s+([0-9.]+)ms");
    private static final Pattern Z_COLLECTION = Pattern.compile(
            "GC\\(\\d+\\) (?:Garbage|Minor|Major) Collection \\(.*?\\) (\\d+)([KMG])\\(\\d+%\\)->(\\d+)([KMG])\\(\\d+%\\)");
    private static final Pattern Z_STALL = Pattern.compile("Allocation Stall \\(.*?\\) ([0-9.]+)ms");

    /** One pause the log tells the wall-clock time of: when it ended (the line is written then) and how long. */
    record Pause(Instant endedAt, double millis) {
    }

    /** The log's {@code utctime} decoration, e.g. {@code [2026-12-05T19:19:25.123+0000]}. */
    private static final Pattern UTC_TIME = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT[^]]+)]");
    private static final DateTimeFormatter UTC_TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /**
     * The pauses of lines that carry the wall-clock time ({@code -Xlog:gc:file=…:utctime,uptime,level,tags}), in
     * order, so that they can be lined up with what the load saw; lines without it are left out.
     */
    static List<Pause> pauses(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher time = UTC_TIME.matcher(line);
            Matcher pause = PAUSE.matcher(line);
            if (time.find() && pause.find()) {
                pauses.add(new Pause(OffsetDateTime.parse(time.group(1), UTC_TIME_FORMAT).toInstant(),
                        Double.parseDouble(pause.group(8))));
            }
        }
        return pauses;
    }

    static GcLog parse(List<String> lines) {
        int collections = 0;
        int full = 0;
        double peakAfter = 0;
        double peakBefore = 0;
        double committed = 0;
        double pauses = 0;
        double maxPause = 0;
        for (String line : lines) {
            Matcher z = Z_COLLECTION.matcher(line);
            if (z.find()) {
                collections++;
                peakBefore = Math.max(peakBefore, mb(z.group(1), z.group(2)));
                peakAfter = Math.max(peakAfter, mb(z.group(3), z.group(4)));
                continue;
            }
            Matcher stall = Z_STALL.matcher(line);
            if (stall.find()) {
                double pause = Double.parseDouble(stall.group(1));
                pauses += pause;
                maxPause = Math.max(maxPause, pause);
                continue;
            }
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            collections++;
            if (m.group(1).startsWith("Pause Full")) {
                full++;
            }
            peakBefore = Math.max(peakBefore, mb(m.group(2), m.group(3)));
            peakAfter = Math.max(peakAfter, mb(m.group(4), m.group(5)));
            committed = Math.max(committed, mb(m.group(6), m.group(7)));
            double pause = Double.parseDouble(m.group(8));
            pauses += pause;
            maxPause = Math.max(maxPause, pause);
        }
        return new GcLog(collections, full, peakAfter, peakBefore, committed, pauses, maxPause);
    }

    private static double mb(String value, String unit) {
        double amount = Double.parseDouble(value);
        return switch (unit.toUpperCase(Locale.ROOT)) {
            case "K" -> amount / 1024;
            case "G" -> amount * 1024;
            default -> amount;
        };
    }
}
