package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(Aims.cpu(0.5, 1.0).met()).isTrue();
        assertThat(Aims.cpu(0.5, 1.01).met()).isFalse();
        assertThat(Aims.cpu(0.5, 1.01).verdict()).isEqualTo("MISS");
    }

    @Test
    void p99MustStayBelowAHundredMilliseconds() {
        assertThat(Aims.latency(99.9).verdict()).isEqualTo("PASS");
        assertThat(Aims.latency(100).verdict()).isEqualTo("MISS");
    }
}
