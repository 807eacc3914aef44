package io.mentorium.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mentorium.domain.shared.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportPeriodTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    private static final LocalDate SUNDAY = LocalDate.of(2026, 3, 8);

    private static ReportPeriod week(LocalDate monday) {
        return new ReportPeriod(ReportKind.WEEKLY, monday, monday.plusDays(7));
    }

    private static ReportPeriod month(int year, int month) {
        LocalDate first = LocalDate.of(year, month, 1);
        return new ReportPeriod(ReportKind.MONTHLY, first, first.plusMonths(1));
    }

    @Nested
    class Weeks {

        @ParameterizedTest
        @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
        void everyDayFromMondayToSundayBelongsToTheWeekStartingThatMonday(int offset) {
            ReportPeriod week = ReportPeriod.weekContaining(MONDAY.plusDays(offset));

            assertThat(week).isEqualTo(week(MONDAY));
            assertThat(week.start()).isEqualTo(MONDAY);
            assertThat(week.end()).isEqualTo(MONDAY.plusDays(7));
            assertThat(week.lastDay()).isEqualTo(SUNDAY);
        }

        @Test
        void sundayBelongsToTheWeekBeforeTheFollowingMonday() {
            assertThat(ReportPeriod.weekContaining(SUNDAY).start()).isEqualTo(MONDAY);
            assertThat(ReportPeriod.weekContaining(SUNDAY.plusDays(1)).start()).isEqualTo(SUNDAY.plusDays(1));
        }

        @Test
        void weekMayCrossTheEndOfAYear() {
            ReportPeriod week = ReportPeriod.weekContaining(LocalDate.of(2027, 1, 1));

            assertThat(week.start()).isEqualTo(LocalDate.of(2026, 12, 28));
            assertThat(week.lastDay()).isEqualTo(LocalDate.of(2027, 1, 3));
        }

        @Test
        void previousAndNextAreTheAdjacentWeeks() {
            ReportPeriod week = week(MONDAY);

            assertThat(week.previous()).isEqualTo(week(LocalDate.of(2026, 2, 23)));
            assertThat(week.next()).isEqualTo(week(LocalDate.of(2026, 3, 9)));
            assertThat(week.next().previous()).isEqualTo(week);
        }

        @Test
        void hasSevenDaysMondayToSunday() {
            ReportPeriod week = week(MONDAY);

            assertThat(week.lengthInDays()).isEqualTo(7);
            assertThat(week.days()).containsExactly(MONDAY, MONDAY.plusDays(1), MONDAY.plusDays(2), MONDAY.plusDays(3),
                    MONDAY.plusDays(4), MONDAY.plusDays(5), SUNDAY);
            assertThat(week.contains(MONDAY)).isTrue();
            assertThat(week.contains(SUNDAY)).isTrue();
            assertThat(week.contains(SUNDAY.plusDays(1))).isFalse();
            assertThat(week.contains(MONDAY.minusDays(1))).isFalse();
        }

        @Test
        void weekNotStartingOnMondayIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ReportPeriod(ReportKind.WEEKLY, MONDAY.plusDays(1), MONDAY.plusDays(8)));
        }

        @Test
        void weekOfOtherThanSevenDaysIsRejected() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ReportPeriod(ReportKind.WEEKLY, MONDAY, MONDAY.plusDays(6)));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new ReportPeriod(ReportKind.WEEKLY, MONDAY, MONDAY.plusDays(14)));
        }

        @Test
        void lastCompletedWeekIsTheOneBeforeTheCurrentWeek() {
            assertThat(ReportPeriod.lastCompleted(ReportKind.WEEKLY, SUNDAY.plusDays(1))).isEqualTo(week(MONDAY));
            assertThat(ReportPeriod.lastCompleted(ReportKind.WEEKLY, SUNDAY.plusDays(7))).isEqualTo(week(MONDAY));
            // On Sunday the week is not over yet.
            assertThat(ReportPeriod.lastCompleted(ReportKind.WEEKLY, SUNDAY)).isEqualTo(week(LocalDate.of(2026, 2, 23)));
        }
    }

    @Nested
    class Months {

        @Test
        void monthContainingAnyDayIsTheWholeCalendarMonth() {
            ReportPeriod february = ReportPeriod.monthContaining(LocalDate.of(2028, 2, 29));

            assertThat(february).isEqualTo(month(2028, 2));
            assertThat(february.lengthInDays()).isEqualTo(29);
            assertThat(february.lastDay()).isEqualTo(LocalDate.of(2028, 2, 29));
            assertThat(ReportPeriod.monthContaining(LocalDate.of(2028, 2, 1))).isEqualTo(february);
        }

        @Test
        void februaryOfACommonYearHasTwentyEightDays() {
            assertThat(month(2026, 2).lengthInDays()).isEqualTo(28);
        }

        @Test
        void previousAndNextCrossYears() {
            assertThat(month(2028, 1).previous()).isEqualTo(month(2027, 12));
            assertThat(month(2027, 12).next()).isEqualTo(month(2028, 1));
            assertThat(month(2028, 3).previous()).isEqualTo(month(2028, 2));
        }

        @Test
        void lastCompletedMonthIsTheOneBeforeTheCurrentMonth() {
            assertThat(ReportPeriod.lastCompleted(ReportKind.MONTHLY, LocalDate.of(2028, 3, 1))).isEqualTo(month(2028, 2));
            assertThat(ReportPeriod.lastCompleted(ReportKind.MONTHLY, LocalDate.of(2028, 2, 29))).isEqualTo(month(2028, 1));
        }

        @Test
        void monthNotStartingOnTheFirstIsRejected() {
            assertThatIllegalArgumentException().isThrownBy(
                    () -> new ReportPeriod(ReportKind.MONTHLY, LocalDate.of(2028, 2, 2), LocalDate.of(2028, 3, 2)));
        }

        @Test
        void monthEndingOtherThanOnTheNextFirstIsRejected() {
            assertThatIllegalArgumentException().isThrownBy(
                    () -> new ReportPeriod(ReportKind.MONTHLY, LocalDate.of(2028, 1, 1), LocalDate.of(2028, 1, 31)));
            assertThatIllegalArgumentException().isThrownBy(
                    () -> new ReportPeriod(ReportKind.MONTHLY, LocalDate.of(2028, 1, 1), LocalDate.of(2028, 3, 1)));
        }

        @Test
        void containingPicksWeekOrMonthByKind() {
            LocalDate day = LocalDate.of(2028, 2, 16);

            assertThat(ReportPeriod.containing(ReportKind.MONTHLY, day)).isEqualTo(month(2028, 2));
            assertThat(ReportPeriod.containing(ReportKind.WEEKLY, day)).isEqualTo(ReportPeriod.weekContaining(day));
        }
    }

    @Test
    void emptyPeriodIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReportPeriod(ReportKind.WEEKLY, MONDAY, MONDAY));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReportPeriod(ReportKind.MONTHLY, LocalDate.of(2028, 2, 1), LocalDate.of(2028, 1, 1)));
    }

    @Nested
    class Window {

        @Test
        void windowRunsFromLocalMidnightToLocalMidnightInTheGivenZone() {
            TimeWindow window = week(MONDAY).window(ZoneId.of("Asia/Tashkent"));

            assertThat(window.from()).isEqualTo(Instant.parse("2026-03-01T19:00:00Z"));
            assertThat(window.to()).isEqualTo(Instant.parse("2026-03-08T19:00:00Z"));
        }

        @Test
        void samePeriodIsADifferentWindowInAnotherZone() {
            TimeWindow window = week(MONDAY).window(ZoneId.of("America/New_York"));

            assertThat(window.from()).isEqualTo(Instant.parse("2026-03-02T05:00:00Z"));
            assertThat(window.to()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z")); // DST began on 8 March
        }

        @Test
        void weekWithTheSpringChangeIsAnHourShort() {
            TimeWindow window = week(LocalDate.of(2026, 3, 23)).window(ZoneId.of("Europe/Berlin"));

            assertThat(window.length()).isEqualTo(Duration.ofDays(7).minusHours(1));
        }

        @Test
        void monthWindowCoversEveryDayOfTheMonth() {
            TimeWindow window = month(2028, 2).window(ZoneId.of("UTC"));

            assertThat(window.length()).isEqualTo(Duration.ofDays(29));
            assertThat(window.contains(Instant.parse("2028-02-29T23:59:59Z"))).isTrue();
            assertThat(window.contains(Instant.parse("2028-03-01T00:00:00Z"))).isFalse();
        }
    }
}
