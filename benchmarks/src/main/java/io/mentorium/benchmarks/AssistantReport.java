package io.mentorium.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The assistant benchmark's Markdown: the setting, one column per phase, and the aims with verdicts. */
final class AssistantReport {

    static final int IN_FLIGHT_AIM = 2_000;
    static final double HEAP_LIMIT_MB = 512;
    static final double MENU_P99_LIMIT_MILLIS = 100;

    /** How the run was set up, for the report's header. */
    record Setting(AssistantBenchmarkSettings settings, String machine, String load, String postgres, String durability,
                   String botCommand, String pacing) {
    }

    private AssistantReport() {
    }

    static String render(Setting setting, List<AssistantPhase> phases, boolean botAlive, int cores) {
        StringBuilder md = new StringBuilder();
        AssistantBenchmarkSettings s = setting.settings();
        md.append("### The assistant under load\n\n");
        md.append("- Machine: ").append(setting.machine()).append("\n");
        md.append("- Load average (1 min) at each phase: ").append(setting.load()).append("\n");
        md.append("- PostgreSQL ").append(setting.postgres()).append(" (").append(setting.durability()).append(")\n");
        md.append("- Bot: `").append(setting.botCommand()).append("`\n");
        md.append("- Model: the OpenAI stand-in, ").append(setting.pacing()).append("; each answer is a tool call")
                .append(" (`list_children`, at once) and then the streamed answer\n");
        md.append(String.format(Locale.ROOT, "- Parents registered through the bot: %,d askers (each linked a demo child),"
                + " %,d menu users pressing menu buttons at %d updates/s during every phase%n%n", s.askers(),
                s.menuUsers(), s.menuRate()));

        md.append("| measure | ").append(phases.stream().map(AssistantPhase::name).collect(Collectors.joining(" | ")))
                .append(" |\n|---|").append("---:|".repeat(phases.size())).append("\n");
        row(md, phases, "questions sent at once", p -> p.isWave() ? num(p.questions()) : "—");
        row(md, phases, "answered / of which the model's grounded answer", p -> p.isWave()
                ? num(p.answers()) + " / " + num(p.grounded()) + (p.completed() ? "" : " (timed out)") : "—");
        row(md, phases, "most model streams open at once (stand-in)", p -> p.isWave() ? num(p.maxOpenStreams()) : "—");
        row(md, phases, "most answers in flight at once (question out → answer in)",
                p -> p.isWave() ? num(p.maxOverlap()) : "—");
        row(md, phases, "question → final answer p50 / p99 / max, s", p -> p.answerLatency()
                .map(l -> String.format(Locale.ROOT, "%.2f / %.2f / %.2f", l.p50Millis() / 1e3, l.p99Millis() / 1e3,
                        l.maxMillis() / 1e3)).orElse("—"));
        row(md, phases, "questions sent → last answer, s",
                p -> p.isWave() ? String.format(Locale.ROOT, "%.1f", p.answerSeconds()) : "—");
        row(md, phases, "model requests (stand-in)", p -> p.isWave() ? num(p.modelRequests()) : "—");
        row(md, phases, "drafts shown / chats with a draft", p -> p.isWave()
                ? num(p.drafts().drafts()) + " / " + num(p.chatsWithDrafts()) : "—");
        row(md, phases, "drafts per chat per second of answering (mean)",
                p -> p.isWave() ? String.format(Locale.ROOT, "%.2f", p.draftsPerChatSecond()) : "—");
        row(md, phases, "drafts in any 1 s of one chat, most / shortest gap, ms", p -> p.isWave()
                ? p.drafts().maxPerSecond() + " / " + (p.drafts().shortestGapNanos() == Long.MAX_VALUE ? "—"
                        : String.format(Locale.ROOT, "%.0f", p.drafts().shortestGapNanos() / 1e6)) : "—");
        row(md, phases, "menu replies during the phase", p -> p.menuLatency().map(l -> num(l.count())).orElse("0"));
        row(md, phases, "menu latency p50 / p99 / max, ms", p -> p.menuLatency()
                .map(l -> String.format(Locale.ROOT, "%.1f / %.1f / %.1f", l.p50Millis(), l.p99Millis(), l.maxMillis()))
                .orElse("—"));
        row(md, phases, "bot CPU over the phase, s (share of " + cores + " cores)", p -> String.format(Locale.ROOT,
                "%.1f (%.0f %%)", p.botCpuSeconds(), 100 * p.cpuShare(cores)));
        row(md, phases, "of which the JIT compiler threads", p -> String.format(Locale.ROOT, "%.0f %%",
                100 * p.compilerShare()));
        row(md, phases, "benchmark JVM (stand-ins and load) / PostgreSQL CPU over the phase, s",
                p -> String.format(Locale.ROOT, "%.1f / %.1f", p.harnessCpuSeconds(), p.postgresCpuSeconds()));
        row(md, phases, "benchmark JVM collections / of which full / their time, ms", p -> String.format(Locale.ROOT,
                "%d / %d / %d", p.harnessGc().collections(), p.harnessGc().full(), p.harnessGc().millis()));
        row(md, phases, "bot heap after GC, peak MB (before GC, peak)", p -> p.gc().collections() == 0 ? "no GC"
                : String.format(Locale.ROOT, "%.0f (%.0f)", p.gc().peakAfterMb(), p.gc().peakBeforeMb()));
        row(md, phases, "bot GC pauses: count / total ms / longest ms / full GCs", p -> String.format(Locale.ROOT,
                "%d / %.0f / %.1f / %d", p.gc().collections(), p.gc().pauseMillis(), p.gc().maxPauseMillis(),
                p.gc().fullGcs()));
        row(md, phases, "bot resident memory, peak in phase / VmHWM so far, MB", p -> String.format(Locale.ROOT,
                "%.0f / %.0f", p.peakRssBytes() / 1048576.0, p.vmHwmBytes() / 1048576.0));
        row(md, phases, "`mentorium_assistant_questions_total` added", p -> counters(p.questionsByOutcome()));
        row(md, phases, "`ai_requests_total` added", p -> counters(p.requestsByOutcome()));
        row(md, phases, "bot log warnings / errors", p -> p.log().warnings() + " / " + p.log().errors());
        row(md, phases, "load average at the start", p -> String.format(Locale.ROOT, "%.2f", p.loadAverage()));
        md.append("\nAnswer latency: from the `getUpdates` answer that handed the question out to the arrival of the "
                + "final `sendMessage` at the Bot API stand-in. Menu latency: as in the pipeline benchmark, each menu "
                + "update to its reply; the menus run from one second before the questions until the last answer. "
                + "Heap: from the bot's GC log (`-Xlog:gc`). Warm-up waves (the bot's JIT still compiling) are shown "
                + "but not held against the aims.\n");

        List<String> problems = new ArrayList<>();
        for (AssistantPhase phase : phases) {
            phase.otherSamples().forEach(text -> problems.add(phase.name() + ": a final message other than the "
                    + "model's answer: «" + text.replace('\n', ' ') + "»"));
            phase.log().top().forEach((message, count) -> problems.add(phase.name() + ": " + count + " × `"
                    + message.replace('`', '\'') + "`"));
        }
        if (!problems.isEmpty()) {
            md.append("\nWhat the bot said meanwhile:\n\n");
            problems.forEach(problem -> md.append("- ").append(problem).append("\n"));
        }

        md.append("\n#### Aims\n\n| aim | target | measured | verdict |\n|---|---:|---:|---|\n");
        aims(phases, botAlive).forEach(aim -> md.append("| ").append(aim.what()).append(" | ").append(aim.target())
                .append(" | ").append(aim.measured()).append(" | **").append(aim.verdict()).append("** |\n"));
        return md.toString();
    }

    static List<Aims.Aim> aims(List<AssistantPhase> phases, boolean botAlive) {
        List<AssistantPhase> waves = phases.stream().filter(AssistantPhase::isMeasuredWave).toList();
        List<Aims.Aim> aims = new ArrayList<>();
        Optional<AssistantPhase> mostStreams = waves.stream().filter(AssistantPhase::allGrounded)
                .max(Comparator.comparingInt(AssistantPhase::maxOpenStreams));
        int inFlight = mostStreams.map(AssistantPhase::maxOpenStreams).orElse(0);
        aims.add(new Aims.Aim("answers streaming at once, every question of the wave answered by the model",
                String.format(Locale.ROOT, "≥ %,d", IN_FLIGHT_AIM),
                mostStreams.map(p -> String.format(Locale.ROOT, "%,d (%s)", p.maxOpenStreams(), p.name()))
                        .orElse("no wave fully answered"), inFlight >= IN_FLIGHT_AIM));
        double heap = phases.stream().mapToDouble(p -> p.gc().peakAfterMb()).max().orElse(0);
        int fullGcs = phases.stream().mapToInt(p -> p.gc().fullGcs()).sum();
        aims.add(new Aims.Aim("bot heap after GC, peak over all phases (bot alive, -Xmx512m)",
                String.format(Locale.ROOT, "< %.0f MB", HEAP_LIMIT_MB),
                String.format(Locale.ROOT, "%.0f MB, %d full GCs%s", heap, fullGcs, botAlive ? "" : ", bot died"),
                botAlive && heap < HEAP_LIMIT_MB));
        // A size measured more than once is held against the aim by its slowest wave, not its first.
        Optional<AssistantPhase> atAim = waves.stream().filter(p -> p.questions() <= IN_FLIGHT_AIM)
                .max(Comparator.comparingInt(AssistantPhase::questions)
                        .thenComparingDouble(p -> p.menuLatency().map(LatencySummary::p99Millis)
                                .orElse(Double.MAX_VALUE)));
        Optional<Double> p99 = atAim.flatMap(AssistantPhase::menuLatency).map(LatencySummary::p99Millis);
        aims.add(new Aims.Aim("menu p99 while the largest wave up to 2,000 questions is answered (its slowest run)",
                String.format(Locale.ROOT, "< %.0f ms", MENU_P99_LIMIT_MILLIS),
                p99.map(v -> String.format(Locale.ROOT, "%.1f ms (%s)", v, atAim.get().name())).orElse("not measured"),
                p99.isPresent() && p99.get() < MENU_P99_LIMIT_MILLIS));
        int mostDrafts = waves.stream().mapToInt(p -> p.drafts().maxPerSecond()).max().orElse(0);
        aims.add(new Aims.Aim("drafts per chat in any one second, every wave", "≤ 1", Integer.toString(mostDrafts),
                !waves.isEmpty() && mostDrafts <= 1));
        return aims;
    }

    private static void row(StringBuilder md, List<AssistantPhase> phases, String what,
                            Function<AssistantPhase, String> cell) {
        md.append("| ").append(what).append(" | ")
                .append(phases.stream().map(cell).collect(Collectors.joining(" | "))).append(" |\n");
    }

    private static String counters(Map<String, Long> counters) {
        String shown = counters.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> e.getKey() + " " + num(e.getValue())).collect(Collectors.joining(", "));
        return shown.isEmpty() ? "—" : shown;
    }

    private static String num(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
