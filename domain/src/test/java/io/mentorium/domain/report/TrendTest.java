package io.mentorium.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.domain.report.Trend.Direction;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrendTest {

    private static ReportMetrics minutes(int minutes) {
        return new ReportMetrics(1, 1, minutes, OptionalDouble.empty(), 1);
    }

    private static ReportMetrics scored(double average) {
        return new ReportMetrics(2, 1, 30, OptionalDouble.of(average), 2);
    }

    @Test
    void nothingBeforeMeansNoBaseline() {
        assertThat(Trend.between(ReportMetrics.EMPTY, minutes(100)).direction()).isEqualTo(Direction.NO_BASELINE);
        assertThat(Trend.between(ReportMetrics.EMPTY, ReportMetrics.EMPTY).direction()).isEqualTo(Direction.NO_BASELINE);
    }

    @Test
    void changeOfLessThanATenthIsFlat() {
        assertThat(Trend.between(minutes(100), minutes(109)).direction()).isEqualTo(Direction.FLAT);
        assertThat(Trend.between(minutes(100), minutes(91)).direction()).isEqualTo(Direction.FLAT);
        assertThat(Trend.between(minutes(100), minutes(100)).direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void changeOfATenthOrMoreIsUpOrDown() {
        assertThat(Trend.between(minutes(100), minutes(110)).direction()).isEqualTo(Direction.UP);
        assertThat(Trend.between(minutes(100), minutes(90)).direction()).isEqualTo(Direction.DOWN);
        assertThat(Trend.between(minutes(100), ReportMetrics.EMPTY).direction()).isEqualTo(Direction.DOWN);
    }

    @Test
    void previousActivityWithoutMinutesStillGivesADirection() {
        assertThat(Trend.between(minutes(0), minutes(5)).direction()).isEqualTo(Direction.UP);
        assertThat(Trend.between(minutes(0), minutes(0)).direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void deltasAreCurrentMinusPrevious() {
        Trend trend = Trend.between(new ReportMetrics(5, 4, 100, OptionalDouble.of(70), 4),
                new ReportMetrics(3, 2, 40, OptionalDouble.of(82.5), 3));

        assertThat(trend.lessonsDelta()).isEqualTo(-2);
        assertThat(trend.minutesDelta()).isEqualTo(-60);
        assertThat(trend.activeDaysDelta()).isEqualTo(-1);
        assertThat(trend.averageScoreDelta()).hasValue(12.5);
    }

    @Test
    void scoreDeltaNeedsScoresInBothPeriods() {
        assertThat(Trend.between(minutes(10), scored(80)).averageScoreDelta()).isEmpty();
        assertThat(Trend.between(scored(80), minutes(10)).averageScoreDelta()).isEmpty();
        assertThat(Trend.between(scored(80), scored(75)).averageScoreDelta()).hasValue(-5.0);
    }
}
