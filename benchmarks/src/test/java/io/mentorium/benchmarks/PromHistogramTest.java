package io.mentorium.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromHistogramTest {

    private static final String BEFORE = """
            # HELP mentorium_update_handling_seconds Time to handle one update
            # TYPE mentorium_update_handling_seconds histogram
            mentorium_update_handling_seconds_bucket{le="0.01"} 10
            mentorium_update_handling_seconds_bucket{le="0.1"} 10
            mentorium_update_handling_seconds_bucket{le="+Inf"} 10
            mentorium_update_handling_seconds_count 10
            mentorium_updates_processed_total 10.0
            """;
    private static final String AFTER = """
            mentorium_update_handling_seconds_bucket{le="0.01"} 60
            mentorium_update_handling_seconds_bucket{le="0.1"} 108
            mentorium_update_handling_seconds_bucket{le="+Inf"} 110
            mentorium_update_handling_seconds_count 110
            """;

    @Test
    void bucketsAreReadFromTheExpositionAndOtherMetricsIgnored() {
        PromHistogram histogram = PromHistogram.parse(BEFORE).orElseThrow();

        assertThat(histogram.upperBounds()).containsExactly(0.01, 0.1, Double.POSITIVE_INFINITY);
        assertThat(histogram.cumulative()).containsExactly(10.0, 10.0, 10.0);
    }

    @Test
    void quantilesOfTheDifferenceInterpolateWithinTheBucketLikePrometheus() {
        PromHistogram run = PromHistogram.parse(AFTER).orElseThrow()
                .since(PromHistogram.parse(BEFORE).orElseThrow());

        assertThat(run.count()).isEqualTo(100.0);
        // 50 of 100 are at or below 10 ms: the median is the top of the first bucket.
        assertThat(run.quantile(0.50)).isCloseTo(0.01, within(1e-9));
        // Rank 90 is the 40th of 48 observations in (10 ms, 100 ms].
        assertThat(run.quantile(0.90)).isCloseTo(0.01 + 0.09 * 40 / 48, within(1e-9));
        // Rank 99 falls in +Inf: the highest finite bound is all that can be said.
        assertThat(run.quantile(0.99)).isEqualTo(0.1);
    }

    @Test
    void oneSeriesOfALabelledHistogramIsReadAndCountedAboveABound() {
        String pools = """
                mentorium_db_connection_wait_seconds_bucket{pool="mentorium-bot",le="0.01"} 7
                mentorium_db_connection_wait_seconds_bucket{pool="mentorium-bot",le="0.1"} 9
                mentorium_db_connection_wait_seconds_bucket{pool="mentorium-bot",le="+Inf"} 10
                mentorium_db_connection_wait_seconds_bucket{pool="mentorium-platform",le="0.01"} 50
                mentorium_db_connection_wait_seconds_bucket{pool="mentorium-platform",le="0.1"} 50
                mentorium_db_connection_wait_seconds_bucket{pool="mentorium-platform",le="+Inf"} 50
                """;

        PromHistogram bot = PromHistogram.parse(pools, "mentorium_db_connection_wait_seconds",
                "pool=\"mentorium-bot\"").orElseThrow();

        assertThat(bot.count()).isEqualTo(10.0);
        assertThat(bot.above(0.01)).isEqualTo(3.0);
        assertThat(bot.above(0.1)).isEqualTo(1.0);
        assertThat(PromHistogram.parse(pools, "mentorium_db_connection_wait_seconds", "pool=\"other\"")).isEmpty();
    }

    @Test
    void theSeriesOfALabelledHistogramAreAddedUpBucketByBucketWhenNoLabelIsGiven() {
        String urgencies = """
                mentorium_update_handling_seconds_bucket{urgency="urgent",le="0.01"} 7
                mentorium_update_handling_seconds_bucket{urgency="urgent",le="0.1"} 9
                mentorium_update_handling_seconds_bucket{urgency="urgent",le="+Inf"} 10
                mentorium_update_handling_seconds_bucket{urgency="ordinary",le="0.01"} 1
                mentorium_update_handling_seconds_bucket{urgency="ordinary",le="0.1"} 20
                mentorium_update_handling_seconds_bucket{urgency="ordinary",le="+Inf"} 30
                """;

        PromHistogram all = PromHistogram.parse(urgencies).orElseThrow();
        assertThat(all.upperBounds()).containsExactly(0.01, 0.1, Double.POSITIVE_INFINITY);
        assertThat(all.cumulative()).containsExactly(8.0, 29.0, 40.0);
        assertThat(PromHistogram.parse(urgencies, PromHistogram.NAME, "urgency=\"ordinary\"").orElseThrow()
                .cumulative()).containsExactly(1.0, 20.0, 30.0);
    }

    @Test
    void betweenTwoScrapesIsWhatWasObservedInBetween() {
        assertThat(PromHistogram.between(BEFORE, AFTER, PromHistogram.NAME, "").orElseThrow().cumulative())
                .containsExactly(50.0, 98.0, 100.0);
        assertThat(PromHistogram.between("", AFTER, PromHistogram.NAME, "")).isEmpty();
    }

    @Test
    void anExpositionWithoutTheHistogramGivesNothing() {
        assertThat(PromHistogram.parse("mentorium_updates_processed_total 3.0\n")).isEmpty();
        assertThat(new PromHistogram(List.of(), List.of()).quantile(0.5)).isNaN();
    }
}
