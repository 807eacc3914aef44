package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesOfAHundredValuesAreTheValuesAtThoseRanks() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        LatencySummary summary = LatencySummary.of(oneToHundred);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50);
        assertThat(summary.p99()).isEqualTo(99);
        assertThat(summary.max()).isEqualTo(100);
    }

    @Test
    void aSingleLatencyIsEveryPercentile() {
        LatencySummary summary = LatencySummary.of(new long[] {7_000_000});

        assertThat(summary.p50Millis()).isEqualTo(7.0);
        assertThat(summary.p99Millis()).isEqualTo(7.0);
    }

    @Test
    void nothingToSummariseIsRefused() {
        assertThatThrownBy(() -> LatencySummary.of(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
