package io.mentorium.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuietHoursTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final QuietHours NIGHT = QuietHours.DEFAULT;

    private static Instant tashkent(int month, int day, int hour, int minute, int second) {
        return LocalDateTime.of(2026, month, day, hour, minute, second).atZone(TASHKENT).toInstant();
    }

    @Test
    void defaultIsTenInTheEveningToEightInTheMorning() {
        assertThat(QuietHours.DEFAULT).isEqualTo(new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0)));
        assertThat(QuietHours.DEFAULT.spansMidnight()).isTrue();
    }

    @Test
    void startEqualToEndIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON));
    }

    @Nested
    class SpanningMidnight {

        @ParameterizedTest
        @ValueSource(strings = {"22:00", "23:59:59.999999999", "00:00", "03:00", "07:59:59", "07:59:59.999999999"})
        void quietFromStartUntilJustBeforeEnd(String time) {
            assertThat(NIGHT.contains(LocalTime.parse(time))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"08:00", "12:00", "21:59", "21:59:59.999999999"})
        void allowedFromEndUntilJustBeforeStart(String time) {
            assertThat(NIGHT.contains(LocalTime.parse(time))).isFalse();
        }

        @Test
        void instantsAreReadInTheGivenZone() {
            assertThat(NIGHT.contains(tashkent(3, 4, 21, 59, 0), TASHKENT)).isFalse();
            assertThat(NIGHT.contains(tashkent(3, 4, 22, 0, 0), TASHKENT)).isTrue();
            assertThat(NIGHT.contains(tashkent(3, 5, 3, 0, 0), TASHKENT)).isTrue();
            assertThat(NIGHT.contains(tashkent(3, 5, 7, 59, 59), TASHKENT)).isTrue();
            assertThat(NIGHT.contains(tashkent(3, 5, 8, 0, 0), TASHKENT)).isFalse();
            // 22:30 in Tashkent is 17:30 in London: the same instant is quiet for one parent, fine for another.
            assertThat(NIGHT.contains(tashkent(3, 4, 22, 30, 0), ZoneId.of("Europe/London"))).isFalse();
        }

        @Test
        void nextAllowedFromBeforeMidnightIsEightTheNextMorning() {
            assertThat(NIGHT.nextAllowed(tashkent(3, 4, 23, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 5, 8, 0, 0));
        }

        @Test
        void nextAllowedFromTheStartIsEightTheNextMorning() {
            assertThat(NIGHT.nextAllowed(tashkent(3, 4, 22, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 5, 8, 0, 0));
        }

        @Test
        void nextAllowedFromAfterMidnightIsEightTheSameMorning() {
            assertThat(NIGHT.nextAllowed(tashkent(3, 5, 3, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 5, 8, 0, 0));
            assertThat(NIGHT.nextAllowed(tashkent(3, 5, 0, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 5, 8, 0, 0));
            assertThat(NIGHT.nextAllowed(tashkent(3, 5, 7, 59, 59), TASHKENT)).isEqualTo(tashkent(3, 5, 8, 0, 0));
        }

        @Test
        void nextAllowedOutsideQuietHoursIsTheInstantItself() {
            assertThat(NIGHT.nextAllowed(tashkent(3, 4, 21, 59, 0), TASHKENT)).isEqualTo(tashkent(3, 4, 21, 59, 0));
            assertThat(NIGHT.nextAllowed(tashkent(3, 5, 8, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 5, 8, 0, 0));
        }

        @Test
        void nextAllowedAcrossTheEndOfAMonthAndYear() {
            Instant newYearsEve = LocalDateTime.of(2026, 12, 31, 23, 30).atZone(TASHKENT).toInstant();

            assertThat(NIGHT.nextAllowed(newYearsEve, TASHKENT))
                    .isEqualTo(LocalDateTime.of(2027, 1, 1, 8, 0).atZone(TASHKENT).toInstant());
        }
    }

    @Nested
    class WithinOneDay {

        private final QuietHours siesta = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 0));

        @Test
        void doesNotSpanMidnight() {
            assertThat(siesta.spansMidnight()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"13:00", "14:00", "14:59:59.999999999"})
        void quietFromStartUntilJustBeforeEnd(String time) {
            assertThat(siesta.contains(LocalTime.parse(time))).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"00:00", "03:00", "12:59:59", "15:00", "23:00"})
        void allowedOutside(String time) {
            assertThat(siesta.contains(LocalTime.parse(time))).isFalse();
        }

        @Test
        void nextAllowedIsTheEndTheSameDay() {
            assertThat(siesta.nextAllowed(tashkent(3, 4, 14, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 4, 15, 0, 0));
            assertThat(siesta.nextAllowed(tashkent(3, 4, 13, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 4, 15, 0, 0));
        }

        @Test
        void nextAllowedOutsideIsTheInstantItself() {
            assertThat(siesta.nextAllowed(tashkent(3, 4, 23, 0, 0), TASHKENT)).isEqualTo(tashkent(3, 4, 23, 0, 0));
        }
    }

    @Nested
    class DaylightSaving {

        /** 29 March 2026 in Berlin: at 02:00 CET the clocks jump to 03:00 CEST, i.e. at 01:00 UTC. */
        private static final Instant SPRING_FORWARD = Instant.parse("2026-03-29T01:00:00Z");
        /** 25 October 2026 in Berlin: at 03:00 CEST the clocks go back to 02:00 CET, i.e. at 01:00 UTC. */
        private static final Instant FALL_BACK = Instant.parse("2026-10-25T01:00:00Z");

        private final QuietHours untilHalfPastTwo = new QuietHours(LocalTime.of(22, 0), LocalTime.of(2, 30));

        @Test
        void endInsideTheSpringGapMeansTheFirstInstantAfterTheGap() {
            Instant lateEvening = LocalDateTime.of(2026, 3, 28, 23, 0).atZone(BERLIN).toInstant();

            Instant next = untilHalfPastTwo.nextAllowed(lateEvening, BERLIN);

            // 02:30 does not exist that night; 03:00 CEST is the first instant outside the quiet hours.
            assertThat(next).isEqualTo(SPRING_FORWARD);
            assertThat(next.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
        }

        @Test
        void nextAllowedInTheSpringIsNeitherQuietNorLaterThanNeeded() {
            Instant lateEvening = LocalDateTime.of(2026, 3, 28, 23, 0).atZone(BERLIN).toInstant();

            Instant next = untilHalfPastTwo.nextAllowed(lateEvening, BERLIN);

            assertThat(untilHalfPastTwo.contains(next, BERLIN)).isFalse();
            assertThat(untilHalfPastTwo.contains(next.minusNanos(1), BERLIN)).isTrue();
        }

        @Test
        void fromJustBeforeTheGapTheEndIsTheGap() {
            Instant halfPastOne = LocalDateTime.of(2026, 3, 29, 1, 30).atZone(BERLIN).toInstant();

            assertThat(untilHalfPastTwo.nextAllowed(halfPastOne, BERLIN)).isEqualTo(SPRING_FORWARD);
        }

        @Test
        void endAfterTheSpringGapIsTheUsualLocalTime() {
            Instant lateEvening = LocalDateTime.of(2026, 3, 28, 23, 0).atZone(BERLIN).toInstant();

            assertThat(NIGHT.nextAllowed(lateEvening, BERLIN)).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        }

        @Test
        void whenTheWallClockIsStillQuietAfterTheGapTheNextEndIsTheFollowingNight() {
            // Quiet almost all day, 02:45 to 02:30: on 29 March the clocks jump from 02:00 to 03:00, past both.
            QuietHours almostAlways = new QuietHours(LocalTime.of(2, 45), LocalTime.of(2, 30));
            Instant lateEvening = LocalDateTime.of(2026, 3, 28, 23, 0).atZone(BERLIN).toInstant();

            Instant next = almostAlways.nextAllowed(lateEvening, BERLIN);

            assertThat(next).isEqualTo(LocalDateTime.of(2026, 3, 30, 2, 30).atZone(BERLIN).toInstant());
            assertThat(almostAlways.contains(next, BERLIN)).isFalse();
        }

        @Test
        void endInTheAutumnOverlapIsItsFirstOccurrence() {
            Instant lateEvening = LocalDateTime.of(2026, 10, 24, 23, 0).atZone(BERLIN).toInstant();

            // 02:30 CEST, before the clocks go back
            assertThat(untilHalfPastTwo.nextAllowed(lateEvening, BERLIN)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        }

        @Test
        void insideTheRepeatedHourTheEndIsItsSecondOccurrenceNeverThePast() {
            // 02:10 CET, the second time the clocks show 02:10 that night: quiet again until 02:30 CET.
            Instant repeated = FALL_BACK.plusSeconds(10 * 60);
            assertThat(untilHalfPastTwo.contains(repeated, BERLIN)).isTrue();

            Instant next = untilHalfPastTwo.nextAllowed(repeated, BERLIN);

            assertThat(next).isEqualTo(Instant.parse("2026-10-25T01:30:00Z")).isAfterOrEqualTo(repeated);
            assertThat(untilHalfPastTwo.contains(next, BERLIN)).isFalse();
        }
    }
}
