package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AimsTest {

    @Test
    void throughputIsHeldAgainstTelegramsCeilingWhenTheEchoBotIsFaster() {
        assertThat(Aims.throughput(2_500, 905).met()).isTrue();
        assertThat(Aims.throughput(2_500, 899).met()).isFalse();
        assertThat(Aims.throughput(2_500, 899).target()).isEqualTo("≥ 900");
    }

    @Test
    void throughputIsHeldAgainstTheEchoBotWhenItIsSlowerThanTheCeiling() {
        assertThat(Aims.throughput(600, 540).met()).isTrue();
        assertThat(Aims.throughput(600, 539).met()).isFalse();
    }

    @Test
    void cpuMayBeUpToTwiceTheEchoBots() {
        assertThat(Aims.cpu("both offered 500 updates/s", 0.5, 1.0).met()).isTrue();
        assertThat(Aims.cpu("both offered 500 updates/s", 0.5, 1.01).met()).isFalse();
        assertThat(Aims.cpu("both offered 500 updates/s", 0.5, 1.01).verdict()).isEqualTo("MISS");
    }

    @Test
    void cpuIsHeldAgainstTheAimSaturatedAndAtEachLoadBothWereOffered() {
        // Saturated the bot costs 3 × the echo bot per update, at 500/s and 1,000/s offered 1.9 × and 2.1 ×.
        SystemResult echo = result(0.1, Map.of(500, 0.25, 1000, 0.2));
        SystemResult bot = result(0.3, Map.of(1000, 0.42, 500, 0.475));

        List<Aims.Aim> aims = Aims.of(echo, bot);

        assertThat(aims).extracting(Aims.Aim::what).containsExactly(
                "saturated replies/s ≥ 90 % of min(echo bot, 1,000/s)",
                "bot process CPU per update ≤ 2 × the echo bot's, saturated",
                "bot process CPU per update ≤ 2 × the echo bot's, both offered 500 updates/s",
                "bot process CPU per update ≤ 2 × the echo bot's, both offered 1,000 updates/s",
                "p99 latency at 500 updates/s offered < 100 ms");
        assertThat(aims.get(1).measured()).isEqualTo("0.300 ms (3.00 ×)");
        assertThat(aims.get(1).met()).isFalse();
        assertThat(aims.get(2).measured()).isEqualTo("0.475 ms (1.90 ×)");
        assertThat(aims.get(2).met()).isTrue();
        assertThat(aims.get(3).measured()).isEqualTo("0.420 ms (2.10 ×)");
        assertThat(aims.get(3).met()).isFalse();
    }

    @Test
    void withoutPacedPhasesCpuIsHeldAgainstTheAimSaturatedOnly() {
        List<Aims.Aim> aims = Aims.of(result(0.1, Map.of()), result(0.19, Map.of()));

        assertThat(aims).extracting(Aims.Aim::what).containsExactly(
                "saturated replies/s ≥ 90 % of min(echo bot, 1,000/s)",
                "bot process CPU per update ≤ 2 × the echo bot's, saturated");
        assertThat(aims.get(1).met()).isTrue();
    }

    /** 1,000 updates in one second at each load, at the given CPU per update. */
    private static SystemResult result(double saturatedCpuMillis, Map<Integer, Double> pacedCpuMillis) {
        Map<Integer, Measured> paced = new HashMap<>();
        pacedCpuMillis.forEach((rate, millis) -> paced.put(rate, measured(millis)));
        Measured saturated = measured(saturatedCpuMillis);
        return new SystemResult("system", List.of(saturated.round()), saturated, paced, Optional.empty(),
                Optional.empty(), List.of());
    }

    private static Measured measured(double cpuMillisPerUpdate) {
        int updates = 1_000;
        return new Measured(new RoundResult(updates, TimeUnit.SECONDS.toNanos(1), new long[updates]),
                new Cost(Math.round(cpuMillisPerUpdate * updates * 1_000_000), 0, 0, 0, 0, false));
    }

    @Test
    void p99MustStayBelowAHundredMilliseconds() {
        assertThat(Aims.latency(99.9).verdict()).isEqualTo("PASS");
        assertThat(Aims.latency(100).verdict()).isEqualTo("MISS");
    }
}
