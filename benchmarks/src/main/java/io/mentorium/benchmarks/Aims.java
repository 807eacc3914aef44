package io.mentorium.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aims for the bot against the echo baseline measured in the same run, each with its verdict.
 */
final class Aims {

    /** Telegram's own ceiling for one bot, and the rate the bot is configured to send at in the benchmark. */
    static final double TELEGRAM_CEILING = 1_000;
    static final double THROUGHPUT_SHARE = 0.9;
    static final double CPU_FACTOR = 2.0;
    static final double P99_LIMIT_MILLIS = 100;
    static final int LATENCY_RATE = 500;

    /** One aim: what was asked, what was measured, and whether it was met. */
    record Aim(String what, String target, String measured, boolean met) {

        String verdict() {
            return met ? "PASS" : "MISS";
        }
    }

    private Aims() {
    }

    static Aim throughput(double echoPerSecond, double botPerSecond) {
        double target = THROUGHPUT_SHARE * Math.min(echoPerSecond, TELEGRAM_CEILING);
        return new Aim("saturated replies/s ≥ 90 % of min(echo bot, 1,000/s)",
                String.format(Locale.ROOT, "≥ %,.0f", target), String.format(Locale.ROOT, "%,.0f", botPerSecond),
                botPerSecond >= target);
    }

    /**
     * CPU per update saturated, and at each load both bots were offered: per-update CPU falls as the rate rises (a
     * batch of updates shares its polls, wake-ups and round trips), and saturated the echo bot answers twice as fast as
     * the bot may send, so the equal loads compare the work each does per update where the saturated figure also
     * compares their batching at different rates. Each is held against the aim.
     */
    static Aim cpu(String load, double echoMillisPerUpdate, double botMillisPerUpdate) {
        double limit = CPU_FACTOR * echoMillisPerUpdate;
        return new Aim("bot process CPU per update ≤ 2 × the echo bot's, " + load,
                String.format(Locale.ROOT, "≤ %.3f ms", limit),
                String.format(Locale.ROOT, "%.3f ms (%.2f ×)", botMillisPerUpdate,
                        botMillisPerUpdate / echoMillisPerUpdate),
                botMillisPerUpdate <= limit);
    }

    static Aim latency(double p99Millis) {
        return new Aim("p99 latency at 500 updates/s offered < 100 ms",
                String.format(Locale.ROOT, "< %.0f ms", P99_LIMIT_MILLIS), String.format(Locale.ROOT, "%.1f ms", p99Millis),
                p99Millis < P99_LIMIT_MILLIS);
    }

    static List<Aim> of(SystemResult echo, SystemResult bot) {
        List<Aim> aims = new java.util.ArrayList<>();
        aims.add(throughput(echo.saturated().round().updatesPerSecond(), bot.saturated().round().updatesPerSecond()));
        aims.add(cpu("saturated", echo.saturated().cpuMillisPerUpdate(), bot.saturated().cpuMillisPerUpdate()));
        for (Map.Entry<Integer, Measured> paced : new TreeMap<>(bot.paced()).entrySet()) {
            Measured echoPaced = echo.paced().get(paced.getKey());
            if (echoPaced != null) {
                aims.add(cpu(String.format(Locale.ROOT, "both offered %,d updates/s",
                                LoadDriver.offeredRate(paced.getKey())),
                        echoPaced.cpuMillisPerUpdate(), paced.getValue().cpuMillisPerUpdate()));
            }
        }
        Measured paced = bot.paced().get(LATENCY_RATE);
        if (paced != null) {
            aims.add(latency(paced.round().latency().p99Millis()));
        }
        return List.copyOf(aims);
    }
}
