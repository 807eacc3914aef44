package io.mentorium.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.Trend.Direction;
import io.mentorium.domain.shared.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Learner AZIZA = learnerIn(TASHKENT);
    private static final Learner SOMEONE_ELSE =
            new Learner(new LearnerId("L2"), "Bobur Aliyev", Optional.empty(), TASHKENT, true);
    private static final Course MATH = new Course(new CourseId("math"), "Mathematics 7", "math");
    private static final Course ENGLISH = new Course(new CourseId("english"), "English A2", "english");

    /** Monday 2 March to Sunday 8 March 2026. */
    private static final ReportPeriod WEEK = ReportPeriod.weekContaining(LocalDate.of(2026, 3, 4));

    private static long nextId = 1;

    private static Learner learnerIn(ZoneId zone) {
        return new Learner(new LearnerId("L1"), "Aziza Karimova", Optional.of("7"), zone, true);
    }

    /** A local date-time of 2026 in Tashkent. */
    private static Instant tashkent(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(TASHKENT).toInstant();
    }

    private static ActivityFact fact(Learner learner, Optional<Course> course, ActivityKind kind, String title,
                                     OptionalDouble score, int seconds, Instant at) {
        return new ActivityFact(nextId++, learner.id(), course.map(Course::id), kind, title, score, seconds, at);
    }

    /** A ten-minute maths lesson. */
    private static ActivityFact lesson(Instant at) {
        return fact(AZIZA, Optional.of(MATH), ActivityKind.LESSON_COMPLETED, "Lesson", OptionalDouble.empty(), 600, at);
    }

    private static ActivityFact quiz(Course course, String title, double score, Instant at) {
        return fact(AZIZA, Optional.of(course), ActivityKind.QUIZ_COMPLETED, title, OptionalDouble.of(score), 300, at);
    }

    /** One lesson at 10:00 Tashkent on each day from {@code first} to {@code last}. */
    private static List<ActivityFact> dailyLessons(LocalDate first, LocalDate last) {
        List<ActivityFact> facts = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            facts.add(lesson(day.atTime(10, 0).atZone(TASHKENT).toInstant()));
        }
        return facts;
    }

    private static LocalDate march(int day) {
        return LocalDate.of(2026, 3, day);
    }

    private static Report weekly(Collection<ActivityFact> facts, Instant now) {
        return Report.compose(AZIZA, WEEK, facts, List.of(), now);
    }

    /** The week is over: Tuesday after it. */
    private static final Instant AFTER_WEEK = tashkent(3, 10, 10, 0);

    @Nested
    class StreakAcrossMidnightAndZones {

        @Test
        void activityAt2350And0010LocalCountsAsTwoDays() {
            List<ActivityFact> facts = List.of(lesson(tashkent(3, 3, 23, 50)), lesson(tashkent(3, 4, 0, 10)));

            Report report = weekly(facts, tashkent(3, 4, 12, 0));

            assertThat(report.streakDays()).isEqualTo(2);
            assertThat(report.metrics().activeDays()).isEqualTo(2);
        }

        @Test
        void theSameTwoInstantsAreOneDayForALearnerInLondon() {
            // 23:50 and 00:10 in Tashkent are 18:50 and 19:10 on 3 March in London.
            Learner inLondon = learnerIn(LONDON);
            List<ActivityFact> facts = List.of(lesson(tashkent(3, 3, 23, 50)), lesson(tashkent(3, 4, 0, 10)));

            Report report = Report.compose(inLondon, WEEK, facts, List.of(), tashkent(3, 4, 12, 0));

            assertThat(report.streakDays()).isEqualTo(1);
            assertThat(report.metrics().activeDays()).isEqualTo(1);
        }

        @ParameterizedTest(name = "{0}: streak {1}, {2} active days")
        @CsvSource({"Asia/Tashkent, 1, 2", "Europe/London, 4, 3", "America/New_York, 3, 2"})
        void theSameInstantsGiveEachZoneItsOwnStreak(String zone, int streak, int activeDays) {
            Learner learner = learnerIn(ZoneId.of(zone));
            // Local days:            Tashkent (+5)   London (+0)   New York (-5)
            List<ActivityFact> facts = List.of(
                    lesson(Instant.parse("2026-03-01T20:00:00Z")), // 2 March      1 March       1 March
                    lesson(Instant.parse("2026-03-02T10:00:00Z")), // 2 March      2 March       2 March
                    lesson(Instant.parse("2026-03-03T20:00:00Z")), // 4 March      3 March       3 March
                    lesson(Instant.parse("2026-03-04T02:00:00Z"))); // 4 March     4 March       3 March
            // 17:00 in Tashkent, noon in London, 07:00 in New York: 4 March everywhere, and not over anywhere.
            Instant now = Instant.parse("2026-03-04T12:00:00Z");

            Report report = Report.compose(learner, WEEK, facts, List.of(), now);

            assertThat(report.asOf()).isEqualTo(march(4));
            assertThat(report.streakDays()).isEqualTo(streak);
            assertThat(report.metrics().activeDays()).isEqualTo(activeDays);
        }

        @Test
        void dayInProgressWithoutActivityDoesNotBreakTheStreakButDoesNotCount() {
            Report report = weekly(dailyLessons(march(2), march(4)), tashkent(3, 5, 20, 0));

            assertThat(report.asOf()).isEqualTo(march(5));
            assertThat(report.streakDays()).isEqualTo(3);
        }

        @Test
        void activityLaterTheSameDayExtendsTheStreak() {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(march(2), march(4)));
            facts.add(lesson(tashkent(3, 5, 19, 0)));

            assertThat(weekly(facts, tashkent(3, 5, 20, 0)).streakDays()).isEqualTo(4);
        }

        @Test
        void dayInProgressAfterAMissedDayHasNoStreak() {
            assertThat(weekly(dailyLessons(march(2), march(3)), tashkent(3, 5, 20, 0)).streakDays()).isZero();
        }

        @Test
        void finishedPeriodWhoseLastDayHadNoActivityHasNoStreak() {
            Report report = weekly(dailyLessons(march(2), march(7)), AFTER_WEEK);

            assertThat(report.asOf()).isEqualTo(march(8));
            assertThat(report.streakDays()).isZero();
        }

        @Test
        void finishedPeriodEndingActiveCountsUpToItsLastDayOnly() {
            // Activity after the period (Monday 9 March) does not belong to this report's streak.
            Report report = weekly(dailyLessons(march(6), march(9)), AFTER_WEEK);

            assertThat(report.streakDays()).isEqualTo(3);
        }

        @Test
        void onTheLastDayOfThePeriodThatDayIsStillInProgress() {
            Report report = weekly(dailyLessons(march(2), march(7)), tashkent(3, 8, 9, 0));

            assertThat(report.asOf()).isEqualTo(march(8));
            assertThat(report.streakDays()).isEqualTo(6);
        }

        @Test
        void streakCarriesOverFromBeforeThePeriod() {
            Report report = weekly(dailyLessons(LocalDate.of(2026, 2, 25), march(4)), tashkent(3, 4, 21, 0));

            assertThat(report.streakDays()).isEqualTo(8);
            assertThat(report.metrics().activeDays()).isEqualTo(3);
        }

        @Test
        void streakAcrossMidnightBetweenTwoWeeks() {
            // Sunday 23:50 and Monday 00:10: the second week's streak is two days.
            List<ActivityFact> facts = List.of(lesson(tashkent(3, 1, 23, 50)), lesson(tashkent(3, 2, 0, 10)));

            Report report = weekly(facts, tashkent(3, 2, 12, 0));

            assertThat(report.streakDays()).isEqualTo(2);
            assertThat(report.metrics().activities()).isEqualTo(1);
            assertThat(report.previous().activities()).isEqualTo(0);
        }
    }

    @Nested
    class Periods {

        @Test
        void asOfIsTodayWhileThePeriodRuns() {
            assertThat(weekly(List.of(), tashkent(3, 4, 12, 0)).asOf()).isEqualTo(march(4));
        }

        @Test
        void asOfIsTheLastDayOnceThePeriodIsOver() {
            assertThat(weekly(List.of(), AFTER_WEEK).asOf()).isEqualTo(march(8));
        }

        @Test
        void emptyFinishedWeekHasEmptyFiguresOneWholeGapAndAnInvitationToStart() {
            Report report = weekly(List.of(), AFTER_WEEK);

            assertThat(report.isEmpty()).isTrue();
            assertThat(report.metrics()).isEqualTo(ReportMetrics.EMPTY);
            assertThat(report.previous()).isEqualTo(ReportMetrics.EMPTY);
            assertThat(report.trend().direction()).isEqualTo(Direction.NO_BASELINE);
            assertThat(report.streakDays()).isZero();
            assertThat(report.highlights()).isEmpty();
            assertThat(report.gaps()).containsExactly(new Gap(march(2), march(8)));
            assertThat(report.suggestions()).containsExactly(new Suggestion.StartStudying());
        }

        @Test
        void emptyRunningWeekHasOneGapOverTheDaysAlreadyOver() {
            Report report = weekly(List.of(), tashkent(3, 5, 10, 0));

            assertThat(report.metrics()).isEqualTo(ReportMetrics.EMPTY);
            assertThat(report.trend().direction()).isEqualTo(Direction.NO_BASELINE);
            assertThat(report.gaps()).containsExactly(new Gap(march(2), march(4)));
            assertThat(report.suggestions()).containsExactly(new Suggestion.StartStudying());
        }

        @Test
        void emptyWeekOnItsSecondDayHasNoGapYet() {
            assertThat(weekly(List.of(), tashkent(3, 3, 10, 0)).gaps()).isEmpty();
        }

        @Test
        void partialWeekIsComparedWithTheSameNumberOfDaysOfThePreviousWeek() {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(LocalDate.of(2026, 2, 23), LocalDate.of(2026, 2, 26)));
            facts.addAll(dailyLessons(march(2), march(3)));

            // Wednesday: three days of this week against Monday to Wednesday of the previous one.
            Report report = weekly(facts, tashkent(3, 4, 12, 0));

            assertThat(report.metrics()).isEqualTo(new ReportMetrics(2, 2, 20, OptionalDouble.empty(), 2));
            assertThat(report.previous()).isEqualTo(new ReportMetrics(3, 3, 30, OptionalDouble.empty(), 3));
            assertThat(report.trend()).isEqualTo(new Trend(-1, -10, -1, OptionalDouble.empty(), Direction.DOWN));
        }

        @Test
        void finishedWeekIsComparedWithTheWholePreviousWeek() {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(LocalDate.of(2026, 2, 23), march(1)));
            facts.addAll(dailyLessons(march(2), march(8)));

            Report report = weekly(facts, AFTER_WEEK);

            assertThat(report.previous().activities()).isEqualTo(7);
            assertThat(report.metrics().activities()).isEqualTo(7);
            assertThat(report.trend().direction()).isEqualTo(Direction.FLAT);
        }

        @Test
        void monthlyReportForFebruaryOfALeapYear() {
            ReportPeriod february = ReportPeriod.monthContaining(LocalDate.of(2028, 2, 10));
            List<ActivityFact> facts = List.of(
                    lesson(at2028(1, 29, 10, 0)), // inside the first 29 days of January
                    lesson(at2028(1, 30, 10, 0)), // beyond them
                    lesson(at2028(2, 1, 10, 0)),
                    lesson(at2028(2, 28, 10, 0)),
                    lesson(at2028(2, 29, 23, 50)), // leap day, late evening
                    lesson(at2028(3, 1, 0, 10))); // next month
            Instant now = at2028(3, 1, 9, 0);

            Report report = Report.compose(AZIZA, february, facts, List.of(), now);

            assertThat(report.asOf()).isEqualTo(LocalDate.of(2028, 2, 29));
            assertThat(report.metrics().activities()).isEqualTo(3);
            assertThat(report.metrics().activeDays()).isEqualTo(3);
            assertThat(report.previous().activities()).isEqualTo(1);
            assertThat(report.streakDays()).isEqualTo(2);
            assertThat(report.gaps()).containsExactly(new Gap(LocalDate.of(2028, 2, 2), LocalDate.of(2028, 2, 27)));
            assertThat(report.suggestions()).containsExactly(new Suggestion.StudyMoreRegularly(3, 29));
            assertThat(report.trend().direction()).isEqualTo(Direction.UP);
        }

        private static Instant at2028(int month, int day, int hour, int minute) {
            return LocalDateTime.of(2028, month, day, hour, minute).atZone(TASHKENT).toInstant();
        }

        @Test
        void composingBeforeThePeriodStartedThrows() {
            assertThatIllegalArgumentException().isThrownBy(() -> weekly(List.of(), tashkent(3, 1, 23, 59)));
        }

        @Test
        void whetherThePeriodStartedDependsOnTheLearnersZone() {
            // 01:00 on Monday in Tashkent, still 20:00 on Sunday in London.
            Instant now = Instant.parse("2026-03-01T20:00:00Z");

            assertThatNoException().isThrownBy(() -> Report.compose(AZIZA, WEEK, List.of(), List.of(), now));
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Report.compose(learnerIn(LONDON), WEEK, List.of(), List.of(), now));
        }

        @Test
        void reportListsCannotBeChanged() {
            Report report = weekly(dailyLessons(march(2), march(8)), AFTER_WEEK);

            assertThat(report.highlights()).isUnmodifiable();
            assertThat(report.gaps()).isUnmodifiable();
            assertThat(report.suggestions()).isUnmodifiable();
            assertThat(report.courses()).isUnmodifiable();
        }
    }

    @Nested
    class Figures {

        @Test
        void averageScoreIsOverScoredActivitiesOnly() {
            List<ActivityFact> facts = List.of(
                    quiz(MATH, "Fractions", 80, tashkent(3, 2, 10, 0)),
                    fact(AZIZA, Optional.of(MATH), ActivityKind.HOMEWORK_SUBMITTED, "Homework", OptionalDouble.of(100),
                            60, tashkent(3, 2, 11, 0)),
                    lesson(tashkent(3, 2, 12, 0)));

            ReportMetrics metrics = weekly(facts, AFTER_WEEK).metrics();

            assertThat(metrics.averageScore()).hasValue(90.0);
            assertThat(metrics.activities()).isEqualTo(3);
            assertThat(metrics.lessonsCompleted()).isEqualTo(1);
        }

        @Test
        void minutesComeFromTheTotalSeconds() {
            List<ActivityFact> facts = List.of(
                    fact(AZIZA, Optional.empty(), ActivityKind.PRACTICE, "Drill", OptionalDouble.empty(), 90, tashkent(3, 2, 10, 0)),
                    fact(AZIZA, Optional.empty(), ActivityKind.PRACTICE, "Drill", OptionalDouble.empty(), 90, tashkent(3, 2, 11, 0)),
                    fact(AZIZA, Optional.empty(), ActivityKind.PRACTICE, "Drill", OptionalDouble.empty(), 59, tashkent(3, 2, 12, 0)));

            assertThat(weekly(facts, AFTER_WEEK).metrics().minutes()).isEqualTo(3);
        }

        @Test
        void activeDaysAreDistinctLocalDays() {
            List<ActivityFact> facts = List.of(lesson(tashkent(3, 2, 0, 0)), lesson(tashkent(3, 2, 12, 0)),
                    lesson(tashkent(3, 2, 23, 59)), lesson(tashkent(3, 3, 0, 0)));

            ReportMetrics metrics = weekly(facts, AFTER_WEEK).metrics();

            assertThat(metrics.activities()).isEqualTo(4);
            assertThat(metrics.activeDays()).isEqualTo(2);
        }

        @Test
        void factsOfOtherLearnersAreIgnored() {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(march(2), march(3)));
            for (LocalDate day = march(2); !day.isAfter(march(8)); day = day.plusDays(1)) {
                facts.add(fact(SOMEONE_ELSE, Optional.of(MATH), ActivityKind.QUIZ_COMPLETED, "Quiz",
                        OptionalDouble.of(100), 3_600, day.atTime(15, 0).atZone(TASHKENT).toInstant()));
            }

            Report report = weekly(facts, AFTER_WEEK);

            assertThat(report.metrics()).isEqualTo(new ReportMetrics(2, 2, 20, OptionalDouble.empty(), 2));
            assertThat(report.streakDays()).isZero();
            assertThat(report.highlights()).isEmpty();
        }

        @Test
        void factsAfterNowAreIgnored() {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(march(2), march(3)));
            facts.add(quiz(MATH, "Later today", 100, tashkent(3, 4, 15, 0)));
            facts.add(lesson(tashkent(3, 6, 10, 0)));

            Report report = weekly(facts, tashkent(3, 4, 12, 0));

            assertThat(report.metrics().activities()).isEqualTo(2);
            assertThat(report.metrics().averageScore()).isEmpty();
            assertThat(report.streakDays()).isEqualTo(2);
            assertThat(report.highlights()).isEmpty();
        }

        @Test
        void factAtExactlyNowCounts() {
            Instant now = tashkent(3, 4, 12, 0);

            assertThat(weekly(List.of(lesson(now)), now).metrics().activities()).isEqualTo(1);
        }

        @Test
        void noPreviousActivityMeansNoBaseline() {
            Report report = weekly(dailyLessons(march(2), march(8)), AFTER_WEEK);

            assertThat(report.previous()).isEqualTo(ReportMetrics.EMPTY);
            assertThat(report.trend().direction()).isEqualTo(Direction.NO_BASELINE);
        }

        @Test
        void coursesShowTheirActivityAndScoredAverageMostActiveFirst() {
            List<ActivityFact> facts = List.of(
                    quiz(ENGLISH, "Words", 70, tashkent(3, 2, 10, 0)),
                    quiz(ENGLISH, "Grammar", 90, tashkent(3, 3, 10, 0)),
                    fact(AZIZA, Optional.of(ENGLISH), ActivityKind.LESSON_COMPLETED, "Lesson", OptionalDouble.empty(),
                            600, tashkent(3, 4, 10, 0)),
                    lesson(tashkent(3, 5, 10, 0)),
                    fact(AZIZA, Optional.empty(), ActivityKind.PRACTICE, "Free practice", OptionalDouble.empty(), 600,
                            tashkent(3, 6, 10, 0)));
            List<Enrollment> enrollments = List.of(
                    new Enrollment(AZIZA.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 40),
                    new Enrollment(AZIZA.id(), ENGLISH, Instant.parse("2025-09-01T00:00:00Z"), 65),
                    new Enrollment(SOMEONE_ELSE.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 10));

            Report report = Report.compose(AZIZA, WEEK, facts, enrollments, AFTER_WEEK);

            assertThat(report.courses()).containsExactly(
                    new CourseProgress(ENGLISH, 65, 3, OptionalDouble.of(80)),
                    new CourseProgress(MATH, 40, 1, OptionalDouble.empty()));
        }

        @Test
        void coursesWithEqualActivityAreOrderedByTitle() {
            List<Enrollment> enrollments = List.of(
                    new Enrollment(AZIZA.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 40),
                    new Enrollment(AZIZA.id(), ENGLISH, Instant.parse("2025-09-01T00:00:00Z"), 65));

            Report report = Report.compose(AZIZA, WEEK, List.of(), enrollments, AFTER_WEEK);

            assertThat(report.courses()).extracting(progress -> progress.course().title())
                    .containsExactly("English A2", "Mathematics 7");
        }
    }

    @Nested
    class Highlights {

        @Test
        void bestScoreOfNinetyOrMoreIsATopScore() {
            List<ActivityFact> facts = List.of(quiz(MATH, "Decimals", 85, tashkent(3, 2, 10, 0)),
                    quiz(MATH, "Fractions", 92, tashkent(3, 3, 10, 0)),
                    quiz(MATH, "Percent", 90, tashkent(3, 4, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).highlights()).containsExactly(new Highlight.TopScore("Fractions", 92));
        }

        @Test
        void scoreOfExactlyNinetyIsATopScore() {
            List<ActivityFact> facts = List.of(quiz(MATH, "Percent", 90, tashkent(3, 4, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).highlights()).containsExactly(new Highlight.TopScore("Percent", 90));
        }

        @Test
        void scoreJustBelowNinetyIsNoHighlight() {
            List<ActivityFact> facts = List.of(quiz(MATH, "Percent", 89.9, tashkent(3, 4, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).highlights()).isEmpty();
        }

        @Test
        void equalTopScoresNameTheLatest() {
            List<ActivityFact> facts = List.of(quiz(MATH, "First", 95, tashkent(3, 2, 10, 0)),
                    quiz(MATH, "Second", 95, tashkent(3, 5, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).highlights()).containsExactly(new Highlight.TopScore("Second", 95));
        }

        @Test
        void topScoreOfThePreviousPeriodIsNotRepeated() {
            List<ActivityFact> facts = List.of(quiz(MATH, "Old", 99, tashkent(2, 26, 10, 0)), lesson(tashkent(3, 3, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).highlights()).isEmpty();
        }

        @Test
        void sevenDaysInARowIsALongStreak() {
            assertThat(weekly(dailyLessons(march(2), march(8)), AFTER_WEEK).highlights())
                    .containsExactly(new Highlight.LongStreak(7));
        }

        @Test
        void sixDaysInARowIsNotYetALongStreak() {
            assertThat(weekly(dailyLessons(march(3), march(8)), AFTER_WEEK).highlights()).isEmpty();
        }

        @Test
        void longStreakMayHaveBegunInThePreviousWeek() {
            Report report = weekly(dailyLessons(LocalDate.of(2026, 2, 26), march(4)), tashkent(3, 4, 20, 0));

            assertThat(report.highlights()).containsExactly(new Highlight.LongStreak(7));
        }

        @Test
        void averageRisingByFivePointsIsAnImprovement() {
            List<ActivityFact> facts = List.of(quiz(MATH, "Before", 70, tashkent(2, 23, 10, 0)),
                    quiz(MATH, "Now", 75, tashkent(3, 2, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).highlights()).containsExactly(new Highlight.ScoreImproved(5.0));
        }

        @Test
        void averageRisingByLessThanFivePointsIsNoHighlight() {
            List<ActivityFact> facts = List.of(quiz(MATH, "Before", 70, tashkent(2, 23, 10, 0)),
                    quiz(MATH, "Now", 74.5, tashkent(3, 2, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).highlights()).isEmpty();
        }

        @Test
        void finishedCourseWithActivityInThePeriodIsHighlighted() {
            List<Enrollment> enrollments = List.of(
                    new Enrollment(AZIZA.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 100),
                    new Enrollment(AZIZA.id(), ENGLISH, Instant.parse("2025-09-01T00:00:00Z"), 100));

            Report report = Report.compose(AZIZA, WEEK, List.of(lesson(tashkent(3, 3, 10, 0))), enrollments, AFTER_WEEK);

            // English was finished earlier: nothing happened in it this week, so it is not news.
            assertThat(report.highlights()).containsExactly(new Highlight.CourseFinished(MATH));
        }

        @Test
        void allHighlightsComeInAFixedOrder() {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(march(2), march(8)));
            facts.add(quiz(MATH, "Before", 70, tashkent(2, 23, 10, 0)));
            facts.add(quiz(MATH, "Final test", 96, tashkent(3, 8, 12, 0)));
            List<Enrollment> enrollments = List.of(new Enrollment(AZIZA.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 100));

            Report report = Report.compose(AZIZA, WEEK, facts, enrollments, AFTER_WEEK);

            assertThat(report.highlights()).containsExactly(new Highlight.TopScore("Final test", 96),
                    new Highlight.LongStreak(7), new Highlight.ScoreImproved(26.0), new Highlight.CourseFinished(MATH));
        }
    }

    @Nested
    class Gaps {

        @Test
        void onlyRunsOfTwoOrMoreDaysAreGaps() {
            // Active Mon, Wed, Sat, Sun: Tuesday alone is no gap, Thursday and Friday are.
            List<ActivityFact> facts = List.of(lesson(tashkent(3, 2, 10, 0)), lesson(tashkent(3, 4, 10, 0)),
                    lesson(tashkent(3, 7, 10, 0)), lesson(tashkent(3, 8, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).gaps()).containsExactly(new Gap(march(5), march(6)));
        }

        @Test
        void gapAtTheEndOfAFinishedPeriodRunsToItsLastDay() {
            assertThat(weekly(dailyLessons(march(2), march(4)), AFTER_WEEK).gaps())
                    .containsExactly(new Gap(march(5), march(8)));
        }

        @Test
        void gapAtTheStartOfThePeriodIsFound() {
            assertThat(weekly(dailyLessons(march(5), march(8)), AFTER_WEEK).gaps())
                    .containsExactly(new Gap(march(2), march(4)));
        }

        @Test
        void todayIsNotAMissedDayUntilItIsOver() {
            Report report = weekly(List.of(lesson(tashkent(3, 2, 10, 0))), tashkent(3, 6, 10, 0));

            assertThat(report.gaps()).containsExactly(new Gap(march(3), march(5)));
        }

        @Test
        void everyDayActiveMeansNoGaps() {
            assertThat(weekly(dailyLessons(march(2), march(8)), AFTER_WEEK).gaps()).isEmpty();
        }

        @Test
        void severalGapsAreListedInOrder() {
            List<ActivityFact> facts = List.of(lesson(tashkent(3, 4, 10, 0)), lesson(tashkent(3, 7, 10, 0)));

            assertThat(weekly(facts, AFTER_WEEK).gaps())
                    .containsExactly(new Gap(march(2), march(3)), new Gap(march(5), march(6)));
        }
    }

    @Nested
    class Suggestions {

        @Test
        void studyingOnTooFewDaysSuggestsMoreRegularity() {
            assertThat(weekly(dailyLessons(march(2), march(4)), AFTER_WEEK).suggestions())
                    .containsExactly(new Suggestion.StudyMoreRegularly(3, 7));
        }

        @Test
        void studyingOnFourDaysOfSevenIsRegularEnough() {
            assertThat(weekly(dailyLessons(march(2), march(5)), AFTER_WEEK).suggestions())
                    .containsExactly(new Suggestion.KeepItUp());
        }

        @Test
        void regularityIsMeasuredAgainstTheDaysElapsedSoFar() {
            assertThat(weekly(dailyLessons(march(2), march(3)), tashkent(3, 4, 12, 0)).suggestions())
                    .containsExactly(new Suggestion.KeepItUp());
        }

        @Test
        void lowAverageInACourseSuggestsReviewingIt() {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(march(2), march(6)));
            facts.add(quiz(ENGLISH, "Words", 50, tashkent(3, 3, 12, 0)));
            facts.add(quiz(ENGLISH, "Grammar", 60, tashkent(3, 4, 12, 0)));
            List<Enrollment> enrollments = List.of(
                    new Enrollment(AZIZA.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 40),
                    new Enrollment(AZIZA.id(), ENGLISH, Instant.parse("2025-09-01T00:00:00Z"), 30));

            Report report = Report.compose(AZIZA, WEEK, facts, enrollments, AFTER_WEEK);

            assertThat(report.suggestions()).containsExactly(new Suggestion.ReviewCourse(ENGLISH, 55.0));
        }

        @ParameterizedTest
        @ValueSource(doubles = {60.0, 75.0})
        void averageOfSixtyOrMoreNeedsNoReview(double score) {
            List<ActivityFact> facts = new ArrayList<>(dailyLessons(march(2), march(6)));
            facts.add(quiz(MATH, "Quiz", score, tashkent(3, 3, 12, 0)));
            List<Enrollment> enrollments = List.of(new Enrollment(AZIZA.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 40));

            assertThat(Report.compose(AZIZA, WEEK, facts, enrollments, AFTER_WEEK).suggestions())
                    .containsExactly(new Suggestion.KeepItUp());
        }

        @Test
        void irregularityComesBeforeCourseReviews() {
            List<ActivityFact> facts = List.of(quiz(MATH, "Quiz", 40, tashkent(3, 3, 12, 0)));
            List<Enrollment> enrollments = List.of(new Enrollment(AZIZA.id(), MATH, Instant.parse("2025-09-01T00:00:00Z"), 40));

            assertThat(Report.compose(AZIZA, WEEK, facts, enrollments, AFTER_WEEK).suggestions()).containsExactly(
                    new Suggestion.StudyMoreRegularly(1, 7), new Suggestion.ReviewCourse(MATH, 40.0));
        }
    }

    @Nested
    class FactsWindow {

        @Test
        void coversTheStreakLookBackAndThePeriodPaddedByADay() {
            // 2 March minus 62 days is 30 December; a day of padding makes it 29 December.
            assertThat(Report.factsWindow(WEEK)).isEqualTo(new TimeWindow(Instant.parse("2025-12-29T00:00:00Z"),
                    Instant.parse("2026-03-10T00:00:00Z")));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Pacific/Kiritimati", "Etc/GMT+12", "Asia/Tashkent", "America/New_York", "UTC"})
        void holdsEveryDayTheReportNeedsInAnyZone(String zoneName) {
            ZoneId zone = ZoneId.of(zoneName);
            for (ReportPeriod period : List.of(WEEK, ReportPeriod.monthContaining(LocalDate.of(2028, 2, 1)),
                    ReportPeriod.monthContaining(LocalDate.of(2026, 3, 1)))) {
                TimeWindow window = Report.factsWindow(period);
                LocalDate lookBack = period.start().minusDays(Report.STREAK_LOOKBACK_DAYS);

                assertThat(window.contains(lookBack.atStartOfDay(zone).toInstant())).isTrue();
                assertThat(window.contains(period.previous().start().atStartOfDay(zone).toInstant())).isTrue();
                assertThat(window.contains(period.end().atStartOfDay(zone).toInstant().minusNanos(1))).isTrue();
            }
        }

        @Test
        void composingFromTheWindowAloneGivesTheSameFigures() {
            Learner farEast = learnerIn(ZoneId.of("Pacific/Kiritimati"));
            List<ActivityFact> facts = new ArrayList<>();
            for (LocalDate day = LocalDate.of(2026, 2, 1); !day.isAfter(march(8)); day = day.plusDays(2)) {
                Instant at = day.atTime(0, 30).atZone(farEast.timeZone()).toInstant();
                facts.add(fact(farEast, Optional.of(MATH), ActivityKind.QUIZ_COMPLETED, "Quiz",
                        OptionalDouble.of(day.getDayOfMonth() * 3), 600, at));
            }
            TimeWindow window = Report.factsWindow(WEEK);
            List<ActivityFact> inWindow = facts.stream().filter(fact -> window.contains(fact.occurredAt())).toList();
            Instant now = march(10).atStartOfDay(farEast.timeZone()).toInstant();

            Report fromAll = Report.compose(farEast, WEEK, facts, List.of(), now);
            Report fromWindow = Report.compose(farEast, WEEK, inWindow, List.of(), now);

            assertThat(fromWindow).isEqualTo(fromAll);
        }
    }
}
