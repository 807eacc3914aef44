package io.mentorium.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreakTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 5);

    private static Set<LocalDate> daysBefore(int... offsets) {
        return java.util.Arrays.stream(offsets).mapToObj(TODAY::minusDays).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void countsConsecutiveActiveDaysEndingAtTheDay() {
        assertThat(Streak.daysEndingAt(daysBefore(0, 1, 2, 4), TODAY, false)).isEqualTo(3);
    }

    @Test
    void dayInProgressWithoutActivityDoesNotBreakTheStreakButDoesNotCount() {
        assertThat(Streak.daysEndingAt(daysBefore(1, 2, 3), TODAY, true)).isEqualTo(3);
    }

    @Test
    void dayInProgressWithActivityCounts() {
        assertThat(Streak.daysEndingAt(daysBefore(0, 1, 2, 3), TODAY, true)).isEqualTo(4);
    }

    @Test
    void finishedDayWithoutActivityEndsTheStreakAtZero() {
        assertThat(Streak.daysEndingAt(daysBefore(1, 2, 3), TODAY, false)).isZero();
    }

    @Test
    void twoMissingDaysEvenWithTheDayInProgressGiveZero() {
        assertThat(Streak.daysEndingAt(daysBefore(2, 3), TODAY, true)).isZero();
    }

    @Test
    void noActivityAtAllGivesZero() {
        assertThat(Streak.daysEndingAt(Set.of(), TODAY, true)).isZero();
        assertThat(Streak.daysEndingAt(Set.of(), TODAY, false)).isZero();
    }

    @Test
    void activityAfterTheDayDoesNotCount() {
        assertThat(Streak.daysEndingAt(daysBefore(-1, 0), TODAY, false)).isEqualTo(1);
    }

    @Test
    void streakRunsAcrossMonthsAndLeapDays() {
        LocalDate march1 = LocalDate.of(2028, 3, 1);
        Set<LocalDate> days = Set.of(LocalDate.of(2028, 2, 27), LocalDate.of(2028, 2, 28), LocalDate.of(2028, 2, 29), march1);

        assertThat(Streak.daysEndingAt(days, march1, false)).isEqualTo(4);
    }
}
