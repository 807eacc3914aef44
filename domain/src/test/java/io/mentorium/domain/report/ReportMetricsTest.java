package io.mentorium.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.LearnerId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportMetricsTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final LearnerId LEARNER = new LearnerId("L1");

    private static ActivityFact fact(ActivityKind kind, OptionalDouble score, int seconds, String instant) {
        return new ActivityFact(1, LEARNER, Optional.of(new CourseId("math")), kind, kind.platformName(), score, seconds,
                Instant.parse(instant));
    }

    @Test
    void noFactsAreTheEmptyMetrics() {
        ReportMetrics metrics = ReportMetrics.of(List.of(), TASHKENT);

        assertThat(metrics).isEqualTo(ReportMetrics.EMPTY);
        assertThat(metrics.isEmpty()).isTrue();
        assertThat(metrics.averageScore()).isEmpty();
    }

    @Test
    void averageScoreIsOverScoredActivitiesOnly() {
        ReportMetrics metrics = ReportMetrics.of(List.of(
                fact(ActivityKind.QUIZ_COMPLETED, OptionalDouble.of(80), 60, "2026-03-02T05:00:00Z"),
                fact(ActivityKind.HOMEWORK_SUBMITTED, OptionalDouble.of(100), 60, "2026-03-02T06:00:00Z"),
                fact(ActivityKind.LESSON_COMPLETED, OptionalDouble.empty(), 60, "2026-03-02T07:00:00Z")), TASHKENT);

        assertThat(metrics.averageScore()).hasValue(90.0);
        assertThat(metrics.activities()).isEqualTo(3);
        assertThat(metrics.lessonsCompleted()).isEqualTo(1);
    }

    @Test
    void nothingScoredLeavesTheAverageEmpty() {
        ReportMetrics metrics = ReportMetrics.of(List.of(
                fact(ActivityKind.LESSON_COMPLETED, OptionalDouble.empty(), 600, "2026-03-02T05:00:00Z")), TASHKENT);

        assertThat(metrics.averageScore()).isEmpty();
        assertThat(metrics.isEmpty()).isFalse();
    }

    @Test
    void scoreOfZeroCountsTowardsTheAverage() {
        ReportMetrics metrics = ReportMetrics.of(List.of(
                fact(ActivityKind.QUIZ_COMPLETED, OptionalDouble.of(0), 60, "2026-03-02T05:00:00Z"),
                fact(ActivityKind.QUIZ_COMPLETED, OptionalDouble.of(100), 60, "2026-03-02T06:00:00Z")), TASHKENT);

        assertThat(metrics.averageScore()).hasValue(50.0);
    }

    @Test
    void minutesAreTheTotalSecondsInWholeMinutes() {
        // 90 + 90 + 59 = 239 s = 3 whole minutes; rounding each activity down first would give only 2.
        ReportMetrics metrics = ReportMetrics.of(List.of(
                fact(ActivityKind.PRACTICE, OptionalDouble.empty(), 90, "2026-03-02T05:00:00Z"),
                fact(ActivityKind.PRACTICE, OptionalDouble.empty(), 90, "2026-03-02T06:00:00Z"),
                fact(ActivityKind.PRACTICE, OptionalDouble.empty(), 59, "2026-03-02T07:00:00Z")), TASHKENT);

        assertThat(metrics.minutes()).isEqualTo(3);
    }

    @Test
    void lessThanAMinuteIsZeroMinutes() {
        assertThat(ReportMetrics.of(List.of(fact(ActivityKind.PRACTICE, OptionalDouble.empty(), 59,
                "2026-03-02T05:00:00Z")), TASHKENT).minutes()).isZero();
    }

    @Test
    void activeDaysAreDistinctLocalDays() {
        // 18:50Z and 19:10Z are 23:50 and 00:10 in Tashkent: two days there, one day in London.
        List<ActivityFact> facts = List.of(
                fact(ActivityKind.PRACTICE, OptionalDouble.empty(), 60, "2026-03-03T05:00:00Z"),
                fact(ActivityKind.PRACTICE, OptionalDouble.empty(), 60, "2026-03-03T18:50:00Z"),
                fact(ActivityKind.PRACTICE, OptionalDouble.empty(), 60, "2026-03-03T19:10:00Z"));

        assertThat(ReportMetrics.of(facts, TASHKENT).activeDays()).isEqualTo(2);
        assertThat(ReportMetrics.of(facts, ZoneId.of("Europe/London")).activeDays()).isEqualTo(1);
        assertThat(facts.get(2).dayIn(TASHKENT)).isEqualTo(LocalDate.of(2026, 3, 4));
    }

    @Test
    void negativeFiguresAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReportMetrics(-1, 0, 0, OptionalDouble.empty(), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReportMetrics(0, 0, -1, OptionalDouble.empty(), 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReportMetrics(0, 0, 0, OptionalDouble.empty(), -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReportMetrics(0, -1, 0, OptionalDouble.empty(), 0));
    }
}
