package io.mentorium.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.Trend.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Streaks, trends and the chart's days on fixtures around the changes of clocks: a learner's day is their own
 * calendar day, 23 or 25 hours long when the clocks change, never a fixed UTC offset.
 */
class ReportAcrossTimeZonesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");

    private long nextId = 1;

    private static Learner learnerIn(ZoneId zone) {
        return new Learner(new LearnerId("L1"), "Aziza Karimova", Optional.empty(), zone, true);
    }

    /** A ten-minute lesson at a local time. */
    private ActivityFact lesson(ZoneId zone, LocalDate day, LocalTime time) {
        return lessonAt(LocalDateTime.of(day, time).atZone(zone).toInstant());
    }

    private ActivityFact lessonAt(Instant at) {
        return new ActivityFact(nextId++, new LearnerId("L1"), Optional.empty(), ActivityKind.LESSON_COMPLETED,
                "Lesson", OptionalDouble.empty(), 600, at);
    }

    private List<ActivityFact> daily(ZoneId zone, LocalDate first, LocalDate last, LocalTime time) {
        List<ActivityFact> facts = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            facts.add(lesson(zone, day, time));
        }
        return facts;
    }

    /** Composed a day after the period ended for the learner, so every day of it is over. */
    private static Report finished(ZoneId zone, ReportPeriod period, List<ActivityFact> facts) {
        Instant now = period.end().atTime(12, 0).atZone(zone).toInstant();
        return Report.compose(learnerIn(zone), period, facts, List.of(), now);
    }

    private static LocalDate day(int month, int dayOfMonth) {
        return LocalDate.of(2026, month, dayOfMonth);
    }

    @Test
    void berlinsShortSundayInMarchIsAWholeDayOfTheStreak() {
        // Clocks go forward at 02:00 on Sunday 29 March 2026: that day has 23 hours.
        ReportPeriod week = ReportPeriod.weekContaining(day(3, 29));
        List<ActivityFact> facts = daily(BERLIN, day(3, 16), day(3, 29), LocalTime.of(23, 30));

        Report report = finished(BERLIN, week, facts);

        assertThat(report.metrics().activeDays()).isEqualTo(7);
        assertThat(report.streakDays()).isEqualTo(14);
        assertThat(report.gaps()).isEmpty();
        assertThat(report.minutesByDay()).containsOnly(10);
        assertThat(report.trend().direction()).isEqualTo(Direction.FLAT);
        assertThat(report.trend().minutesDelta()).isZero();
    }

    @Test
    void aLessonJustBeforeMidnightAfterTheSpringChangeBelongsToThatSunday() {
        ReportPeriod week = ReportPeriod.weekContaining(day(3, 29));
        // 23:59 CEST on the 29th is 21:59 UTC: a fixed winter offset (+01:00) would still call it the 29th, but a
        // fixed summer one read before the change would not; only the zone's rules give the right day everywhere.
        Instant lateSunday = LocalDateTime.of(day(3, 29), LocalTime.of(23, 59)).atZone(BERLIN).toInstant();
        Instant earlyMonday = LocalDateTime.of(day(3, 30), LocalTime.of(0, 1)).atZone(BERLIN).toInstant();

        Report report = finished(BERLIN, week, List.of(lessonAt(lateSunday), lessonAt(earlyMonday)));

        assertThat(report.metrics().activities()).isEqualTo(1);
        assertThat(report.minutesByDay().getLast()).isEqualTo(10);
        assertThat(report.streakDays()).isEqualTo(1);
    }

    @Test
    void berlinsLongSundayInOctoberCountsOnceThoughTwoOClockHappensTwice() {
        // Clocks go back at 03:00 on Sunday 25 October 2026: 02:30 happens twice and the day has 25 hours.
        ReportPeriod week = ReportPeriod.weekContaining(day(10, 25));
        LocalDateTime twoThirty = LocalDateTime.of(day(10, 25), LocalTime.of(2, 30));
        Instant first = twoThirty.atZone(BERLIN).withEarlierOffsetAtOverlap().toInstant();
        Instant second = twoThirty.atZone(BERLIN).withLaterOffsetAtOverlap().toInstant();
        assertThat(first).isBefore(second);
        List<ActivityFact> facts = new ArrayList<>(daily(BERLIN, day(10, 19), day(10, 24), LocalTime.of(23, 30)));
        facts.add(lessonAt(first));
        facts.add(lessonAt(second));
        // 23:30 CET on the 25th is 22:30 UTC, still the 25th in Berlin.
        facts.add(lesson(BERLIN, day(10, 25), LocalTime.of(23, 30)));

        Report report = finished(BERLIN, week, facts);

        assertThat(report.metrics().activeDays()).isEqualTo(7);
        assertThat(report.metrics().activities()).isEqualTo(9);
        assertThat(report.minutesByDay()).containsExactly(10, 10, 10, 10, 10, 10, 30);
        assertThat(report.streakDays()).isEqualTo(7);
    }

    @Test
    void theWeekAfterTheAutumnChangeComparesDayForDayWithTheLongerWeekBefore() {
        // Same lesson every evening: the week of 19-25 October has 169 hours, the next 168; the trend is flat.
        ReportPeriod week = ReportPeriod.weekContaining(day(10, 28));
        List<ActivityFact> facts = daily(BERLIN, day(10, 19), day(11, 1), LocalTime.of(21, 0));

        Report report = finished(BERLIN, week, facts);

        assertThat(report.previous().minutes()).isEqualTo(70);
        assertThat(report.metrics().minutes()).isEqualTo(70);
        assertThat(report.trend().direction()).isEqualTo(Direction.FLAT);
        assertThat(report.trend().activeDaysDelta()).isZero();
        assertThat(report.previousMinutesByDay()).containsOnly(10);
        assertThat(report.streakDays()).isEqualTo(14);
    }

    @Test
    void newYorkStreakRunsThroughTheMarchChangeAndSundayEveningStaysInItsWeek() {
        // Clocks go forward on Sunday 8 March 2026 in New York; Sunday 20:30 local is Monday 00:30 UTC.
        ReportPeriod week = ReportPeriod.weekContaining(day(3, 8));
        List<ActivityFact> facts = daily(NEW_YORK, day(2, 23), day(3, 8), LocalTime.of(20, 30));

        Report report = finished(NEW_YORK, week, facts);

        assertThat(lesson(NEW_YORK, day(3, 8), LocalTime.of(20, 30)).occurredAt().atZone(ZoneOffset.UTC)
                .toLocalDate()).isEqualTo(day(3, 9));
        assertThat(report.metrics().activeDays()).isEqualTo(7);
        assertThat(report.minutesByDay()).containsOnly(10);
        assertThat(report.streakDays()).isEqualTo(14);
        assertThat(report.trend().direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void newYorksNovemberChangeDoesNotSplitOrMergeDays() {
        // Clocks go back on Sunday 1 November 2026: 01:30 happens twice.
        ReportPeriod week = ReportPeriod.weekContaining(day(11, 1));
        LocalDateTime oneThirty = LocalDateTime.of(day(11, 1), LocalTime.of(1, 30));
        List<ActivityFact> facts = new ArrayList<>(daily(NEW_YORK, day(10, 26), day(10, 31), LocalTime.of(7, 0)));
        facts.add(lessonAt(oneThirty.atZone(NEW_YORK).withEarlierOffsetAtOverlap().toInstant()));
        facts.add(lessonAt(oneThirty.atZone(NEW_YORK).withLaterOffsetAtOverlap().toInstant()));

        Report report = finished(NEW_YORK, week, facts);

        assertThat(report.metrics().activeDays()).isEqualTo(7);
        assertThat(report.minutesByDay()).containsExactly(10, 10, 10, 10, 10, 10, 20);
        assertThat(report.streakDays()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // Lessons at 22:00 UTC every day from 21 to 30 March 2026; the week is Monday 23 to Sunday 29 March.
            // Tashkent (+05): 03:00 the next day, so the 22nd to the 31st; the streak began on the 22nd.
            "Asia/Tashkent,    7, 8, 10",
            // Berlin: 23:00 CET until the change, then 00:00 CEST the next day: the 29th itself stays empty.
            "Europe/Berlin,    6, 0, 0",
            // New York (EDT, -04): 18:00 the same day, the 21st to the 30th.
            "America/New_York, 7, 9, 10"})
    void theSameUtcInstantsFallOnEachZonesOwnDays(String zone, int activeDays, int streak, int sundayMinutes) {
        ZoneId learnerZone = ZoneId.of(zone);
        ReportPeriod week = ReportPeriod.weekContaining(day(3, 25));
        List<ActivityFact> facts = new ArrayList<>();
        for (LocalDate utcDay = day(3, 21); !utcDay.isAfter(day(3, 30)); utcDay = utcDay.plusDays(1)) {
            facts.add(lessonAt(utcDay.atTime(22, 0).toInstant(ZoneOffset.UTC)));
        }

        Report report = finished(learnerZone, week, facts);

        assertThat(report.metrics().activeDays()).isEqualTo(activeDays);
        assertThat(report.streakDays()).isEqualTo(streak);
        assertThat(report.minutesByDay().getLast()).isEqualTo(sundayMinutes);
        assertThat(report.minutesByDay().subList(0, 6)).containsOnly(10);
    }

    @Test
    void theSameInstantsMakeATashkentGapThatNewYorkDoesNotHave() {
        // 20:00 UTC on Sunday 22 and on Tuesday 24 March: in New York both are afternoons (Sunday, Tuesday), in
        // Tashkent both are 01:00 the next day (Monday 23 and Wednesday 25).
        ReportPeriod week = ReportPeriod.weekContaining(day(3, 25));
        List<ActivityFact> facts = List.of(lessonAt(day(3, 22).atTime(20, 0).toInstant(ZoneOffset.UTC)),
                lessonAt(day(3, 24).atTime(20, 0).toInstant(ZoneOffset.UTC)));

        Report tashkent = finished(TASHKENT, week, facts);
        Report newYork = finished(NEW_YORK, week, facts);

        assertThat(tashkent.metrics().activeDays()).isEqualTo(2);
        assertThat(tashkent.minutesByDay()).containsExactly(10, 0, 10, 0, 0, 0, 0);
        assertThat(tashkent.trend().direction()).isEqualTo(Direction.NO_BASELINE);
        assertThat(newYork.metrics().activeDays()).isEqualTo(1);
        assertThat(newYork.minutesByDay()).containsExactly(0, 10, 0, 0, 0, 0, 0);
        assertThat(newYork.previousMinutesByDay()).containsExactly(0, 0, 0, 0, 0, 0, 10);
        assertThat(newYork.trend().direction()).isEqualTo(Direction.FLAT);
    }

    @Test
    void octoberInBerlinHasThirtyOneDaysAndAStreakOfThirtyOneThroughTheChange() {
        ReportPeriod october = ReportPeriod.monthContaining(day(10, 1));
        List<ActivityFact> facts = daily(BERLIN, day(10, 1), day(10, 31), LocalTime.of(0, 30));

        Report report = finished(BERLIN, october, facts);

        assertThat(report.metrics().activeDays()).isEqualTo(31);
        assertThat(report.streakDays()).isEqualTo(31);
        assertThat(report.minutesByDay()).hasSize(31).containsOnly(10);
        assertThat(report.previousMinutesByDay()).hasSize(30).containsOnly(0);
        assertThat(report.trend().direction()).isEqualTo(Direction.NO_BASELINE);
    }

    @Test
    void aRunningWeekShowsNothingForTheDaysStillToCome() {
        ReportPeriod week = ReportPeriod.weekContaining(day(3, 25));
        List<ActivityFact> facts = daily(TASHKENT, day(3, 23), day(3, 25), LocalTime.of(9, 0));
        Instant wednesdayNoon = LocalDateTime.of(day(3, 25), LocalTime.NOON).atZone(TASHKENT).toInstant();

        Report report = Report.compose(learnerIn(TASHKENT), week, facts, List.of(), wednesdayNoon);

        assertThat(report.minutesByDay()).containsExactly(10, 10, 10, 0, 0, 0, 0);
        assertThat(Collections.unmodifiableList(report.minutesByDay())).hasSize(week.lengthInDays());
    }
}
