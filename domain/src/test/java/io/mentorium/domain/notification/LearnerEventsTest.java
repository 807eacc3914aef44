package io.mentorium.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.ActivityKind;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.ReportMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class LearnerEventsTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Learner AZIZ = new Learner(new LearnerId("L-1"), "Aziz Karimov", Optional.empty(), TASHKENT,
            true);
    private static final Course MATH = new Course(new CourseId("C-1"), "Algebra", "math");
    private static final Course ENGLISH = new Course(new CourseId("C-2"), "English", "english");
    /** Wednesday 12 March 2025. */
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 12);

    private final List<ActivityFact> facts = new ArrayList<>();

    private static Instant at(LocalDate day, int hour, ZoneId zone) {
        return day.atTime(LocalTime.of(hour, 0)).atZone(zone).toInstant();
    }

    private void lesson(Learner learner, LocalDate day, int hour, Course course, double score, int minutes) {
        facts.add(new ActivityFact(facts.size() + 1, learner.id(), Optional.of(course.id()),
                ActivityKind.QUIZ_COMPLETED, "Quiz " + facts.size(), OptionalDouble.of(score), minutes * 60,
                at(day, hour, learner.timeZone())));
    }

    private void studiedDays(LocalDate from, LocalDate to) {
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            lesson(AZIZ, day, 10, MATH, 80, 30);
        }
    }

    private List<LearnerEvent> detect(Learner learner, Instant now, Enrollment... enrollments) {
        return LearnerEvents.detect(learner, facts, List.of(enrollments), now);
    }

    private List<LearnerEvent> detect(Instant now) {
        return detect(AZIZ, now);
    }

    private static List<LearnerEvent.StreakReached> streaks(List<LearnerEvent> events) {
        return events.stream().filter(LearnerEvent.StreakReached.class::isInstance)
                .map(LearnerEvent.StreakReached.class::cast).toList();
    }

    @Test
    void a_streak_is_told_at_each_milestone_it_reaches_and_not_below_three_days() {
        studiedDays(TODAY.minusDays(1), TODAY);
        assertThat(streaks(detect(at(TODAY, 18, TASHKENT)))).isEmpty();

        facts.clear();
        studiedDays(TODAY.minusDays(2), TODAY);
        assertThat(streaks(detect(at(TODAY, 18, TASHKENT))))
                .containsExactly(new LearnerEvent.StreakReached(3, TODAY.minusDays(2)));

        for (int milestone : List.of(7, 14, 30)) {
            facts.clear();
            studiedDays(TODAY.minusDays(milestone - 1L), TODAY);
            assertThat(streaks(detect(at(TODAY, 18, TASHKENT)))).as("%d days", milestone)
                    .containsExactly(new LearnerEvent.StreakReached(milestone, TODAY.minusDays(milestone - 1L)));
        }
    }

    @Test
    void the_same_streak_keeps_its_key_on_later_days_and_is_not_told_again_once_the_milestone_is_old() {
        studiedDays(TODAY.minusDays(6), TODAY);
        LearnerEvent.StreakReached seven = streaks(detect(at(TODAY, 18, TASHKENT))).getFirst();
        // A run a day late names the same event.
        studiedDays(TODAY.plusDays(1), TODAY.plusDays(1));
        assertThat(streaks(detect(at(TODAY.plusDays(1), 18, TASHKENT)))).containsExactly(seven);
        // Four days on, 7 is old news and 14 is not reached yet.
        studiedDays(TODAY.plusDays(2), TODAY.plusDays(3));
        assertThat(streaks(detect(at(TODAY.plusDays(3), 18, TASHKENT)))).isEmpty();
        // A 40-day run that passed 30 long ago is not told again.
        facts.clear();
        studiedDays(TODAY.minusDays(39), TODAY);
        assertThat(streaks(detect(at(TODAY, 18, TASHKENT)))).isEmpty();
    }

    @Test
    void today_without_activity_yet_does_not_break_the_streak_and_a_broken_one_restarts_with_a_new_key() {
        studiedDays(TODAY.minusDays(3), TODAY.minusDays(1));
        assertThat(streaks(detect(at(TODAY, 9, TASHKENT))))
                .containsExactly(new LearnerEvent.StreakReached(3, TODAY.minusDays(3)));

        // Missed the 12th, then three days again: the same milestone, another streak, another key.
        studiedDays(TODAY.plusDays(1), TODAY.plusDays(3));
        assertThat(streaks(detect(at(TODAY.plusDays(3), 18, TASHKENT))))
                .containsExactly(new LearnerEvent.StreakReached(3, TODAY.plusDays(1)));
    }

    @Test
    void days_are_the_learners_own_a_late_evening_lesson_counts_for_that_day_not_the_utc_one() {
        // 23:30 in Tashkent is 18:30 UTC the same day; 00:30 in Tashkent is still the previous day in UTC.
        Learner late = new Learner(new LearnerId("L-2"), "Malika", Optional.empty(), TASHKENT, true);
        for (LocalDate day = TODAY.minusDays(2); !day.isAfter(TODAY); day = day.plusDays(1)) {
            facts.add(new ActivityFact(facts.size() + 1, late.id(), Optional.empty(), ActivityKind.PRACTICE, "P",
                    OptionalDouble.empty(), 600, day.atTime(0, 30).atZone(TASHKENT).toInstant()));
        }
        assertThat(streaks(detect(late, at(TODAY, 18, TASHKENT))))
                .containsExactly(new LearnerEvent.StreakReached(3, TODAY.minusDays(2)));
        // Read in UTC the same instants fall on 9, 10 and 11 March: a different day count would be a bug.
        assertThat(streaks(detect(late, at(TODAY, 18, TASHKENT)))).allSatisfy(streak ->
                assertThat(streak.startedOn()).isEqualTo(LocalDate.of(2025, 3, 10)));
    }

    @Test
    void a_streak_across_the_spring_daylight_saving_change_counts_calendar_days() {
        // Berlin moved its clocks forward on 30 March 2025 (a 23-hour day).
        Learner berlin = new Learner(new LearnerId("L-3"), "Anna", Optional.empty(), BERLIN, true);
        LocalDate sunday = LocalDate.of(2025, 3, 30);
        for (LocalDate day = sunday.minusDays(1); !day.isAfter(sunday.plusDays(1)); day = day.plusDays(1)) {
            facts.add(new ActivityFact(facts.size() + 1, berlin.id(), Optional.empty(), ActivityKind.PRACTICE, "P",
                    OptionalDouble.empty(), 600, day.atTime(23, 30).atZone(BERLIN).toInstant()));
        }
        assertThat(streaks(detect(berlin, at(sunday.plusDays(1), 23, BERLIN).plusSeconds(3599))))
                .containsExactly(new LearnerEvent.StreakReached(3, sunday.minusDays(1)));
    }

    @Test
    void missed_days_are_told_after_two_whole_days_once_per_gap_and_again_for_a_new_gap() {
        studiedDays(TODAY.minusDays(5), TODAY.minusDays(2));
        // Only the 11th is over without activity; the 12th is not over yet.
        assertThat(detect(at(TODAY, 18, TASHKENT))).noneMatch(LearnerEvent.MissedDays.class::isInstance);

        List<LearnerEvent> nextDay = detect(at(TODAY.plusDays(1), 18, TASHKENT));
        assertThat(nextDay).contains(new LearnerEvent.MissedDays(TODAY.minusDays(2), 2));
        // The same gap a day later: another length, the same key.
        LearnerEvent.MissedDays later = detect(at(TODAY.plusDays(2), 18, TASHKENT)).stream()
                .filter(LearnerEvent.MissedDays.class::isInstance).map(LearnerEvent.MissedDays.class::cast)
                .findFirst().orElseThrow();
        assertThat(later.days()).isEqualTo(3);
        assertThat(later.eventKey()).isEqualTo(new LearnerEvent.MissedDays(TODAY.minusDays(2), 2).eventKey());

        // Studied on the 15th, then away again: a new gap with a new key.
        studiedDays(TODAY.plusDays(3), TODAY.plusDays(3));
        assertThat(detect(at(TODAY.plusDays(3), 18, TASHKENT))).noneMatch(LearnerEvent.MissedDays.class::isInstance);
        assertThat(detect(at(TODAY.plusDays(6), 18, TASHKENT)))
                .contains(new LearnerEvent.MissedDays(TODAY.plusDays(3), 2));
    }

    @Test
    void a_learner_without_any_activity_in_the_look_back_gets_no_missed_days_message() {
        assertThat(detect(at(TODAY, 18, TASHKENT))).noneMatch(LearnerEvent.MissedDays.class::isInstance);
    }

    @Test
    void a_top_score_is_one_per_day_the_days_best_and_a_course_finished_lately_is_told() {
        lesson(AZIZ, TODAY, 9, MATH, 91, 20);
        lesson(AZIZ, TODAY, 11, MATH, 97, 20);
        lesson(AZIZ, TODAY.minusDays(1), 11, ENGLISH, 89.9, 20);
        lesson(AZIZ, TODAY.minusDays(5), 11, ENGLISH, 100, 20);
        Enrollment finished = new Enrollment(AZIZ.id(), MATH, Instant.parse("2025-01-01T00:00:00Z"), 100);
        Enrollment finishedLongAgo = new Enrollment(AZIZ.id(),
                new Course(new CourseId("C-9"), "History", "history"), Instant.parse("2024-01-01T00:00:00Z"), 100);

        List<LearnerEvent> events = detect(AZIZ, at(TODAY, 18, TASHKENT), finished, finishedLongAgo);

        assertThat(events).filteredOn(LearnerEvent.TopScore.class::isInstance)
                .containsExactly(new LearnerEvent.TopScore("Quiz 1", 97, TODAY));
        assertThat(events).filteredOn(LearnerEvent.CourseCompleted.class::isInstance)
                .containsExactly(new LearnerEvent.CourseCompleted(MATH));
    }

    @Test
    void the_weekly_tip_follows_the_rules_in_order_and_is_keyed_by_the_learners_week() {
        LocalDate monday = LocalDate.of(2025, 3, 10);
        assertThat(tip(at(TODAY, 18, TASHKENT))).isEqualTo(new LearnerEvent.WeeklyTip(monday, new Tip.StartSmall(),
                new TipFigures(7, ReportMetrics.EMPTY, 0, List.of())));

        lesson(AZIZ, TODAY.minusDays(1), 10, MATH, 55, 30);
        lesson(AZIZ, TODAY.minusDays(2), 10, ENGLISH, 65, 30);
        assertThat(tip(at(TODAY, 18, TASHKENT), enrolled(MATH), enrolled(ENGLISH)).tip())
                .isEqualTo(new Tip.ReviewCourse(MATH, 55));

        facts.clear();
        lesson(AZIZ, TODAY.minusDays(1), 10, MATH, 80, 30);
        lesson(AZIZ, TODAY.minusDays(3), 10, MATH, 80, 30);
        assertThat(tip(at(TODAY, 18, TASHKENT), enrolled(MATH)).tip()).isEqualTo(new Tip.StudyMoreDays(2, 7));

        facts.clear();
        for (int back = 1; back <= 5; back++) {
            lesson(AZIZ, TODAY.minusDays(back), 10, MATH, 80, 10);
        }
        assertThat(tip(at(TODAY, 18, TASHKENT), enrolled(MATH)).tip()).isEqualTo(new Tip.LongerSessions(50));

        facts.clear();
        studiedDays(TODAY.minusDays(7), TODAY.minusDays(1));
        assertThat(tip(at(TODAY, 18, TASHKENT), enrolled(MATH)).tip()).isEqualTo(new Tip.KeepGoing(7, 210));

        // Sunday 23:30 in Tashkent is still last week for the learner; 00:30 Monday is the new one.
        LocalDate sunday = LocalDate.of(2025, 3, 16);
        assertThat(tip(sunday.atTime(23, 30).atZone(TASHKENT).toInstant()).weekStart()).isEqualTo(monday);
        assertThat(tip(sunday.plusDays(1).atTime(0, 30).atZone(TASHKENT).toInstant()).weekStart())
                .isEqualTo(monday.plusWeeks(1));
    }

    @Test
    void the_weekly_tip_carries_the_figures_of_the_days_it_judged_busiest_course_first() {
        lesson(AZIZ, TODAY, 9, MATH, 10, 60); // today: not yet part of the week judged
        lesson(AZIZ, TODAY.minusDays(1), 10, ENGLISH, 90, 20);
        lesson(AZIZ, TODAY.minusDays(1), 11, ENGLISH, 70, 20);
        lesson(AZIZ, TODAY.minusDays(2), 10, MATH, 60, 25);
        lesson(AZIZ, TODAY.minusDays(8), 10, MATH, 20, 25); // before the week

        TipFigures figures = tip(at(TODAY, 18, TASHKENT), enrolled(MATH), enrolled(ENGLISH)).figures();

        assertThat(figures.days()).isEqualTo(7);
        assertThat(figures.week().activities()).isEqualTo(3);
        assertThat(figures.week().minutes()).isEqualTo(65);
        assertThat(figures.week().activeDays()).isEqualTo(2);
        assertThat(figures.week().averageScore()).hasValue(220.0 / 3);
        assertThat(figures.streakDays()).isEqualTo(3);
        assertThat(figures.courses()).containsExactly(
                new TipFigures.CourseFigures("English", 40, 2, OptionalDouble.of(80)),
                new TipFigures.CourseFigures("Algebra", 40, 1, OptionalDouble.of(60)));
    }

    private Enrollment enrolled(Course course) {
        return new Enrollment(AZIZ.id(), course, Instant.parse("2025-01-01T00:00:00Z"), 40);
    }

    private LearnerEvent.WeeklyTip tip(Instant now, Enrollment... enrollments) {
        return detect(AZIZ, now, enrollments).stream().filter(LearnerEvent.WeeklyTip.class::isInstance)
                .map(LearnerEvent.WeeklyTip.class::cast).findFirst().orElseThrow();
    }

    @Test
    void the_facts_window_holds_what_the_longest_milestone_needs() {
        Instant now = at(TODAY, 18, TASHKENT);
        assertThat(LearnerEvents.factsWindow(now).contains(now)).isTrue();
        assertThat(LearnerEvents.factsWindow(now).contains(at(TODAY.minusDays(34), 0, TASHKENT))).isTrue();
    }
}
