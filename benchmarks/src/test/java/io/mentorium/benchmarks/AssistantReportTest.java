package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssistantReportTest {

    private static AssistantPhase wave(int questions, int grounded, int streams, double menuP99Millis, double heapMb,
                                       int draftsPerSecond) {
        return wave(questions, grounded, streams, menuP99Millis, heapMb, draftsPerSecond, false);
    }

    private static AssistantPhase wave(int questions, int grounded, int streams, double menuP99Millis, double heapMb,
                                       int draftsPerSecond, boolean warmup) {
        long p99 = (long) (menuP99Millis * 1e6);
        return new AssistantPhase((warmup ? "warm-up " : "") + String.format("%,d at once", questions), questions, questions, grounded, List.of(),
                true, Optional.of(new LatencySummary(questions, 3_200_000_000L, 4_000_000_000L, 4_100_000_000L)),
                streams, streams, 2 * questions, new DraftPace(questions * 3, draftsPerSecond, 1_050_000_000L), 0.8,
                questions, 0, Optional.of(new LatencySummary(200, 5_000_000L, p99, p99)), 6, 4, 3.0,
                new GcLog(10, 0, heapMb, 400, 512, 50, 9), 400L << 20, 450L << 20, Map.of("model", (long) grounded),
                Map.of("ok", 2L * questions), new LogTally(0, 0, Map.of()), 1.5, warmup, warmup ? 0.3 : 0.02, 9.5,
                4.0, new HarnessGc(3, 40, 0));
    }

    @Test
    void warmUpWavesAreNotHeldAgainstTheAimsButTheirHeapIs() {
        List<Aims.Aim> aims = AssistantReport.aims(List.of(wave(2_000, 2_000, 2_000, 40, 600, 2, true),
                wave(2_000, 2_000, 1_500, 150, 300, 1)), true);

        assertThat(aims.get(0).measured()).isEqualTo("1,500 (2,000 at once)");
        assertThat(aims.get(2).measured()).isEqualTo("150.0 ms (2,000 at once)");
        assertThat(aims.get(3).met()).isTrue();
        assertThat(aims.get(1).met()).isFalse();
    }

    @Test
    void theAimsAreMetWhenTheLargestFullyGroundedWaveStreamedTwoThousand() {
        List<Aims.Aim> aims = AssistantReport.aims(List.of(wave(1_000, 1_000, 1_000, 40, 200, 1),
                wave(2_000, 2_000, 2_000, 80, 300, 1), wave(3_000, 2_990, 2_500, 400, 350, 1)), true);

        assertThat(aims).extracting(Aims.Aim::met).containsExactly(true, true, true, true);
        assertThat(aims.get(0).measured()).isEqualTo("2,000 (2,000 at once)");
        assertThat(aims.get(2).measured()).isEqualTo("80.0 ms (2,000 at once)");
    }

    @Test
    void aWaveSizeMeasuredMoreThanOnceIsHeldAgainstTheMenusAimByItsSlowestRun() {
        List<Aims.Aim> aims = AssistantReport.aims(List.of(wave(2_000, 2_000, 2_000, 90, 300, 1),
                wave(2_000, 2_000, 2_000, 160, 300, 1), wave(2_000, 2_000, 2_000, 95, 300, 1)), true);

        assertThat(aims.get(2).measured()).isEqualTo("160.0 ms (2,000 at once)");
        assertThat(aims.get(2).met()).isFalse();
    }

    @Test
    void fallbacksSlowMenusADeadBotAndFastDraftsAreMisses() {
        List<Aims.Aim> aims = AssistantReport.aims(List.of(wave(2_000, 1_990, 2_000, 150, 200, 2)), false);

        assertThat(aims).extracting(Aims.Aim::met).containsExactly(false, false, false, false);
        assertThat(aims.get(0).measured()).isEqualTo("no wave fully answered");
    }

    @Test
    void theReportHasAColumnPerPhaseAndTheAims() {
        String md = AssistantReport.render(new AssistantReport.Setting(AssistantBenchmarkSettings.DEFAULTS, "2 cores",
                "1.0–2.0", "18.6", "fsync=on", "java -jar mentorium-bot.jar run", "40 chunks over 3 s"),
                List.of(wave(500, 500, 500, 20, 150, 1)), true, 2);

        assertThat(md).contains("| measure | 500 at once |", "| questions sent at once | 500 |",
                "| most model streams open at once (stand-in) | 500 |", "#### Aims", "**MISS**", "**PASS**",
                "| of which the JIT compiler threads | 2 % |",
                "| benchmark JVM (stand-ins and load) / PostgreSQL CPU over the phase, s | 9.5 / 4.0 |",
                "| benchmark JVM collections / of which full / their time, ms | 3 / 0 / 40 |");
    }
}
