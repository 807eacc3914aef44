package io.mentorium.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The run's figures as Markdown, ready for docs/PERFORMANCE.md. */
final class MarkdownReport {

    private static final double MB = 1024.0 * 1024.0;

    private final StringBuilder out = new StringBuilder();

    static String render(BenchmarkSettings settings, Machine machine, int parents, int parentsWithChild,
                         SystemResult baseline, SystemResult pipeline) {
        return new MarkdownReport().write(settings, machine, parents, parentsWithChild, baseline, pipeline).out
                .toString();
    }

    private MarkdownReport write(BenchmarkSettings settings, Machine machine, int parents, int parentsWithChild,
                                 SystemResult baseline, SystemResult pipeline) {
        line("### Machine");
        line("");
        line("- " + machine.cores() + " cores (" + machine.cpu() + ")");
        line("- " + machine.jvm() + ", heap " + mb(machine.maxHeapBytes()) + " MB");
        line("- " + machine.os());
        line("- " + machine.postgres());
        line("- load average (1 / 5 / 15 min) when the pipeline started: " + machine.loadAverage());
        line("");
        line("### Load");
        line("");
        line(String.format(Locale.ROOT, "- %,d chats, each a parent registered through the bot (%,d of %,d with a"
                + " linked child); menu-type updates only", settings.chats(), parentsWithChild, parents));
        line(String.format(Locale.ROOT, "- saturated: %d warm-up round(s) discarded, then %d measured rounds of %d"
                        + " waves × %,d updates (one per chat; a wave is enqueued when the previous one is answered)",
                settings.warmupRounds(), settings.rounds(), settings.waves(), settings.chats()));
        if (!settings.pacedRates().isEmpty()) {
            line(String.format(Locale.ROOT, "- paced: one round of %,d updates per offered load, enqueued every 20 ms"
                    + " whatever the bot does", settings.updatesPerRound()));
        }
        line("");
        line("### Figures");
        line("");
        line("| measure | echo baseline | pipeline | pipeline ÷ baseline |");
        line("|---|---:|---:|---:|");
        RoundResult base = baseline.saturatedCombined();
        RoundResult pipe = pipeline.saturatedCombined();
        row("saturated: updates/s (all measured rounds)", base.updatesPerSecond(), pipe.updatesPerSecond(), "%,.0f");
        line(String.format(Locale.ROOT, "| saturated: updates/s per round | %s | %s | |",
                perRound(baseline.saturated()), perRound(pipeline.saturated())));
        row("saturated: latency p50, ms", base.latency().p50Millis(), pipe.latency().p50Millis(), "%.1f");
        row("saturated: latency p99, ms", base.latency().p99Millis(), pipe.latency().p99Millis(), "%.1f");
        row("saturated: latency max, ms", base.latency().maxMillis(), pipe.latency().maxMillis(), "%.1f");
        for (Integer rate : settings.pacedRates()) {
            RoundResult b = baseline.paced().get(rate);
            RoundResult p = pipeline.paced().get(rate);
            String load = String.format(Locale.ROOT, "paced %,d/s offered", LoadDriver.offeredRate(rate));
            row(load + ": updates/s answered", b.updatesPerSecond(), p.updatesPerSecond(), "%,.0f");
            row(load + ": latency p50, ms", b.latency().p50Millis(), p.latency().p50Millis(), "%.1f");
            row(load + ": latency p99, ms", b.latency().p99Millis(), p.latency().p99Millis(), "%.1f");
        }
        row("max heap used during the measured rounds, MB", baseline.maxHeapUsed() / MB,
                pipeline.maxHeapUsed() / MB, "%,.0f");
        row("heap after a full GC at the end, MB", baseline.liveHeap() / MB, pipeline.liveHeap() / MB, "%,.0f");
        pipeline.ownHandling().ifPresent(own -> line(String.format(Locale.ROOT,
                "| pipeline's own `%s` over the saturated rounds (inbox → committed replies): p50 / p99, ms | — |"
                        + " %.1f / %.1f | |",
                HandlingHistogram.NAME, own.quantile(0.50) * 1000, own.quantile(0.99) * 1000)));
        line("");
        line("Latency: from the `getUpdates` answer that delivered the update to the arrival of its reply"
                + " (`sendMessage`) at the stand-in. Updates/s: updates answered ÷ time from the first enqueue to the"
                + " last reply. Heap figures include the stand-in and the load driver (same JVM).");
        return this;
    }

    private void row(String measure, double baseline, double pipeline, String format) {
        line(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f |", measure, baseline,
                pipeline, pipeline / baseline));
    }

    private static String perRound(List<RoundResult> rounds) {
        return String.join(", ", rounds.stream().map(round -> format(round, RoundResult::updatesPerSecond)).toList());
    }

    private static String format(RoundResult round, ToDoubleFunction<RoundResult> figure) {
        return String.format(Locale.ROOT, "%,.0f", figure.applyAsDouble(round));
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.0f", bytes / MB);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
