package io.mentorium.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The run's figures as Markdown, ready for docs/PERFORMANCE.md. */
final class MarkdownReport {

    private static final double MB = 1024.0 * 1024.0;
    private static final int TOP_STATEMENTS = 12;

    /** Where and on what the run happened. */
    record Setting(BenchmarkSettings settings, Machine machine, String postgres, String durability, int parentsWithChild,
                   String botCommand) {
    }

    private final StringBuilder out = new StringBuilder();

    static String render(Setting setting, SystemResult echo, SystemResult bot) {
        return new MarkdownReport().write(setting, echo, bot).out.toString();
    }

    private MarkdownReport write(Setting setting, SystemResult echo, SystemResult bot) {
        BenchmarkSettings settings = setting.settings();
        line("### Machine");
        line("");
        line("- " + Machine.cores() + " cores (" + Machine.cpuModel() + "), " + Machine.memory());
        line("- " + Machine.jdk() + " for the benchmark, the bot and the echo bot");
        line("- " + Machine.os());
        line("- PostgreSQL " + setting.postgres() + ", a server process of its own on the same machine: "
                + setting.durability());
        line("- load average (1 min) during the run: " + setting.machine().loadRange());
        line("");
        line("### Load");
        line("");
        line(String.format(Locale.ROOT, "- %,d parents registered through the bot before measuring (%,d with a linked"
                        + " child), each pressing a menu button (or `/menu`, `/help`) once per wave; %,d never-seen chats"
                        + " per wave sending `/start`, and the previous wave's newcomers `/help`: %,d updates per wave",
                settings.parents(), setting.parentsWithChild(), settings.newcomers(),
                settings.parents() + 2 * settings.newcomers()));
        line(String.format(Locale.ROOT, "- saturated: %d warm-up round(s) discarded, then %d measured rounds of %d waves"
                        + " (a wave is enqueued when every reply to the previous one has arrived)",
                settings.warmupRounds(), settings.rounds(), settings.waves()));
        if (!settings.pacedRates().isEmpty()) {
            line(String.format(Locale.ROOT, "- paced: %,d updates per offered load, a batch every 20 ms whatever the"
                    + " system does", settings.pacedUpdates()));
        }
        line("- bot: `" + setting.botCommand() + "`");
        line("");
        line("### Figures");
        line("");
        line("| measure | echo bot | bot | bot ÷ echo |");
        line("|---|---:|---:|---:|");
        RoundResult e = echo.saturated().round();
        RoundResult b = bot.saturated().round();
        row("saturated: replies/s (all measured rounds)", e.updatesPerSecond(), b.updatesPerSecond(), "%,.0f");
        line(String.format(Locale.ROOT, "| saturated: replies/s per round | %s | %s | |",
                perRound(echo.saturatedRounds()), perRound(bot.saturatedRounds())));
        latencyRows("saturated", e, b);
        costRows("saturated", echo.saturated(), bot.saturated());
        for (Integer rate : settings.pacedRates()) {
            Measured ep = echo.paced().get(rate);
            Measured bp = bot.paced().get(rate);
            String load = String.format(Locale.ROOT, "paced %,d/s offered", LoadDriver.offeredRate(rate));
            row(load + ": replies/s", ep.round().updatesPerSecond(), bp.round().updatesPerSecond(), "%,.0f");
            latencyRows(load, ep.round(), bp.round());
            costRows(load, ep, bp);
        }
        if (echo.peakResidentBytes().isPresent() && bot.peakResidentBytes().isPresent()) {
            row("peak resident memory of the process, MB", echo.peakResidentBytes().get() / MB,
                    bot.peakResidentBytes().get() / MB, "%,.0f");
        }
        bot.ownHandling().ifPresent(own -> line(String.format(Locale.ROOT,
                "| bot's own `%s`, saturated rounds (inbox → committed replies): p50 / p99, ms | — | %.1f / %.1f | |",
                PromHistogram.NAME, own.quantile(0.50) * 1000, own.quantile(0.99) * 1000)));
        line("");
        line("Latency: from the `getUpdates` answer that delivered the update to the arrival of its reply"
                + " (`sendMessage`) at the stand-in. Replies/s: replies ÷ time from the first enqueue to the last reply."
                + " CPU: user + system time of the process (all threads) over the phase ÷ replies; PostgreSQL's is the"
                + " postmaster's and all its processes', counted separately because the echo bot has no database.");
        line("");
        line("### Aims");
        line("");
        line("| aim | target | measured | verdict |");
        line("|---|---:|---:|---|");
        for (Aims.Aim aim : Aims.of(echo, bot)) {
            line("| " + aim.what() + " | " + aim.target() + " | " + aim.measured() + " | **" + aim.verdict() + "** |");
        }
        if (!bot.statements().isEmpty()) {
            int updates = b.updates();
            line("");
            line("### Statements per update (saturated rounds, from `pg_stat_statements`)");
            line("");
            line("| statement | calls per update | total ms per update |");
            line("|---|---:|---:|");
            for (PostgresServer.StatementCount statement : bot.statements().subList(0,
                    Math.min(TOP_STATEMENTS, bot.statements().size()))) {
                line(String.format(Locale.ROOT, "| `%s` | %.2f | %.3f |", shorten(statement.query()),
                        (double) statement.calls() / updates, statement.totalMillis() / updates));
            }
            long rest = bot.statements().stream().skip(TOP_STATEMENTS).mapToLong(PostgresServer.StatementCount::calls)
                    .sum();
            if (rest > 0) {
                line(String.format(Locale.ROOT, "| (all others) | %.2f | |", (double) rest / updates));
            }
        }
        return this;
    }

    private void latencyRows(String phase, RoundResult echo, RoundResult bot) {
        row(phase + ": latency p50, ms", echo.latency().p50Millis(), bot.latency().p50Millis(), "%.1f");
        row(phase + ": latency p99, ms", echo.latency().p99Millis(), bot.latency().p99Millis(), "%.1f");
        row(phase + ": latency max, ms", echo.latency().maxMillis(), bot.latency().maxMillis(), "%.1f");
    }

    private void costRows(String phase, Measured echo, Measured bot) {
        int eu = echo.round().updates();
        int bu = bot.round().updates();
        row(phase + ": CPU per update of the process, ms", echo.cpuMillisPerUpdate(), bot.cpuMillisPerUpdate(),
                "%.3f");
        OptionalDouble db = bot.cost().dbCpuMillisPerUpdate(bu);
        if (db.isPresent()) {
            line(String.format(Locale.ROOT, "| %s: PostgreSQL server CPU per update, ms | — | %.3f | |", phase,
                    db.getAsDouble()));
            row(phase + ": CPU per update, process + PostgreSQL, ms", echo.cpuMillisPerUpdate(),
                    bot.cpuMillisPerUpdate() + db.getAsDouble(), "%.3f");
            line(String.format(Locale.ROOT, "| %s: PostgreSQL statements (`BEGIN` counted, `COMMIT` not) / commits /"
                            + " WAL flushes per update | — | %.1f / %.2f / %.2f | |",
                    phase, bot.cost().statementsPerUpdate(bu).orElse(Double.NaN),
                    bot.cost().commitsPerUpdate(bu).orElse(Double.NaN),
                    bot.cost().walSyncsPerUpdate(bu).orElse(Double.NaN)));
        }
        if (eu == 0) {
            throw new IllegalStateException("no updates in " + phase);
        }
    }

    private void row(String measure, double echo, double bot, String format) {
        line(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f |", measure, echo, bot,
                bot / echo));
    }

    private static String perRound(List<RoundResult> rounds) {
        return String.join(", ", rounds.stream()
                .map(round -> String.format(Locale.ROOT, "%,.0f", round.updatesPerSecond())).toList());
    }

    /** One line, short enough for a table cell, with the pipe that would end the cell escaped. */
    static String shorten(String query) {
        String flat = query.replaceAll("\\s+", " ").strip().replace("|", "\\|").replace("`", "'");
        return flat.length() <= 110 ? flat : flat.substring(0, 107) + "…";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
