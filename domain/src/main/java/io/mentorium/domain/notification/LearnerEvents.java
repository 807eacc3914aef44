package io.mentorium.domain.notification;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.Course;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.report.ReportMetrics;
import io.mentorium.domain.report.Streak;
import io.mentorium.domain.shared.TimeWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a daily run tells parents about one learner, decided from the learner's activity up to now. The same facts
 * always give the same events with the same keys, so a run repeated the same day, or a day late, names each event as
 * the first run did and the history lets it through once.
 *
 * <p>Events are looked for only in the last few days ({@link #RECENT_DAYS}): a run missed for a day still finds
 * yesterday's achievements, while a 30-day streak that went on to 40 days is not announced again, and its start, which
 * keys it, always lies inside the facts read.
 */
public final class LearnerEvents {

    /** Streak lengths worth a message; a longer run is told at the highest one it passed. */
    public static final List<Integer> STREAK_MILESTONES = List.of(3, 7, 14, 30);
    /** An achievement of today, yesterday or the day before is still news. */
    public static final int RECENT_DAYS = 2;
    /** Whole days without activity before the parent is told. */
    public static final int MISSED_DAYS = 2;
    /** A score at least this high is a top score (the report's highlight uses the same bar). */
    public static final double TOP_SCORE = 90.0;
    /** A course average below this earns a "review it" tip. */
    static final double LOW_COURSE_AVERAGE = 70.0;
    /** Fewer active days than this in the last seven earns a "study more days" tip. */
    static final int REGULAR_DAYS = 4;
    /** Fewer minutes than this in the last seven days earns a "longer sessions" tip. */
    static final int ENOUGH_MINUTES = 60;
    static final int TIP_DAYS = 7;
    /**
     * How far back facts are read: the longest milestone, the days it may be late, the day before the streak that
     * shows where it began, and a day on each side for the learner's time zone.
     */
    public static final int LOOKBACK_DAYS = 40;

    private LearnerEvents() {
    }

    /** The instants whose facts {@link #detect} needs at {@code now}, for a learner in any time zone. */
    public static TimeWindow factsWindow(Instant now) {
        return new TimeWindow(now.minus(Duration.ofDays(LOOKBACK_DAYS)), now.plusMillis(1));
    }

    /**
     * @param facts       the learner's activity over at least {@link #factsWindow}; other learners' and later facts
     *                    are ignored
     * @param enrollments the learner's courses (others' are ignored)
     */
    public static List<LearnerEvent> detect(Learner learner, Collection<ActivityFact> facts,
                                            Collection<Enrollment> enrollments, Instant now) {
        LocalDate today = now.atZone(learner.timeZone()).toLocalDate();
        List<ActivityFact> own = facts.stream()
                .filter(fact -> fact.learnerId().equals(learner.id()))
                .filter(fact -> !fact.occurredAt().isAfter(now))
                .toList();
        Set<LocalDate> activeDays = own.stream().map(fact -> fact.dayIn(learner.timeZone()))
                .collect(Collectors.toSet());
        List<LearnerEvent> events = new ArrayList<>();
        streak(activeDays, today).ifPresent(events::add);
        events.addAll(completedCourses(learner, own, enrollments, today));
        events.addAll(topScores(learner, own, today));
        missedDays(activeDays, today).ifPresent(events::add);
        events.add(new LearnerEvent.WeeklyTip(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                tip(learner, own, enrollments, today), tipFigures(learner, own, enrollments, activeDays, today)));
        return List.copyOf(events);
    }

    /** The figures of the same seven days {@link #tip} judges, with the courses' progress. */
    static TipFigures tipFigures(Learner learner, List<ActivityFact> facts, Collection<Enrollment> enrollments,
                                 Set<LocalDate> activeDays, LocalDate today) {
        List<ActivityFact> week = lastWholeDays(learner, facts, today);
        List<TipFigures.CourseFigures> courses = new ArrayList<>();
        for (Enrollment enrollment : enrollments) {
            if (!enrollment.learnerId().equals(learner.id())) {
                continue;
            }
            Optional<CourseId> course = Optional.of(enrollment.course().id());
            List<ActivityFact> inCourse = week.stream().filter(fact -> fact.courseId().equals(course)).toList();
            OptionalDouble average = inCourse.stream().filter(fact -> fact.score().isPresent())
                    .mapToDouble(fact -> fact.score().getAsDouble()).average();
            courses.add(new TipFigures.CourseFigures(enrollment.course().title(), enrollment.progressPercent(),
                    inCourse.size(), average));
        }
        // The courses worked in first (the busiest first), so the bound keeps what the week was about.
        List<TipFigures.CourseFigures> kept = courses.stream()
                .sorted(Comparator.comparingInt(TipFigures.CourseFigures::activities).reversed())
                .limit(TipFigures.MAX_COURSES).toList();
        return new TipFigures(TIP_DAYS, ReportMetrics.of(week, learner.timeZone()),
                Streak.daysEndingAt(activeDays, today, true), kept);
    }

    private static List<ActivityFact> lastWholeDays(Learner learner, List<ActivityFact> facts, LocalDate today) {
        LocalDate first = today.minusDays(TIP_DAYS);
        return facts.stream().filter(fact -> {
            LocalDate day = fact.dayIn(learner.timeZone());
            return !day.isBefore(first) && day.isBefore(today);
        }).toList();
    }

    /** The highest milestone the current streak passed lately; today counts once it has activity. */
    static Optional<LearnerEvent> streak(Set<LocalDate> activeDays, LocalDate today) {
        int days = Streak.daysEndingAt(activeDays, today, true);
        if (days == 0) {
            return Optional.empty();
        }
        LocalDate lastDay = activeDays.contains(today) ? today : today.minusDays(1);
        LocalDate startedOn = lastDay.minusDays(days - 1L);
        LearnerEvent reached = null;
        for (int milestone : STREAK_MILESTONES) {
            LocalDate reachedOn = startedOn.plusDays(milestone - 1L);
            if (days >= milestone && !reachedOn.isBefore(today.minusDays(RECENT_DAYS))) {
                reached = new LearnerEvent.StreakReached(milestone, startedOn);
            }
        }
        return Optional.ofNullable(reached);
    }

    private static List<LearnerEvent> completedCourses(Learner learner, List<ActivityFact> facts,
                                                       Collection<Enrollment> enrollments, LocalDate today) {
        LocalDate since = today.minusDays(TIP_DAYS);
        List<LearnerEvent> events = new ArrayList<>();
        for (Enrollment enrollment : enrollments) {
            if (!enrollment.learnerId().equals(learner.id()) || !enrollment.completed()) {
                continue;
            }
            // Only a course finished lately is news: one finished a year ago would otherwise be announced the first
            // time the parent's notifications run.
            Optional<CourseId> course = Optional.of(enrollment.course().id());
            boolean workedInLately = facts.stream().anyMatch(fact -> fact.courseId().equals(course)
                    && !fact.dayIn(learner.timeZone()).isBefore(since));
            if (workedInLately) {
                events.add(new LearnerEvent.CourseCompleted(enrollment.course()));
            }
        }
        return events;
    }

    /** The best score of at least {@link #TOP_SCORE} of the latest recent day that had one. */
    private static List<LearnerEvent> topScores(Learner learner, List<ActivityFact> facts, LocalDate today) {
        LocalDate since = today.minusDays(RECENT_DAYS);
        Map<LocalDate, ActivityFact> bestOfDay = new TreeMap<>();
        for (ActivityFact fact : facts) {
            LocalDate day = fact.dayIn(learner.timeZone());
            if (day.isBefore(since) || fact.score().isEmpty() || fact.score().getAsDouble() < TOP_SCORE) {
                continue;
            }
            bestOfDay.merge(day, fact, (a, b) -> BEST.compare(a, b) >= 0 ? a : b);
        }
        // Only the latest day's: a parent hears of one top score per run, and an earlier day left untold stays
        // untold, since any later run sees this day (already told) or a newer one as the latest.
        return bestOfDay.entrySet().stream()
                .reduce((earlier, later) -> later)
                .<LearnerEvent>map(best -> new LearnerEvent.TopScore(best.getValue().title(),
                        best.getValue().score().getAsDouble(), best.getKey()))
                .stream().toList();
    }

    /** Highest score first, then the earliest, so the same facts always pick the same one. */
    private static final Comparator<ActivityFact> BEST = Comparator
            .comparingDouble((ActivityFact fact) -> fact.score().orElse(0))
            .thenComparing(ActivityFact::occurredAt, Comparator.reverseOrder())
            .thenComparing(ActivityFact::id, Comparator.reverseOrder());

    /** Whole days since the last active day; today is not missed until it is over. */
    static Optional<LearnerEvent> missedDays(Set<LocalDate> activeDays, LocalDate today) {
        if (activeDays.contains(today)) {
            return Optional.empty();
        }
        // No activity in the whole look-back: the gap began before anything read here, so it has no stable key.
        Optional<LocalDate> last = activeDays.stream().filter(day -> day.isBefore(today)).max(Comparator.naturalOrder());
        if (last.isEmpty()) {
            return Optional.empty();
        }
        int missed = (int) ChronoUnit.DAYS.between(last.get(), today) - 1;
        return missed >= MISSED_DAYS ? Optional.of(new LearnerEvent.MissedDays(last.get(), missed)) : Optional.empty();
    }

    /** The rules of the weekly tip, first match wins, over the seven whole days before today. */
    static Tip tip(Learner learner, List<ActivityFact> facts, Collection<Enrollment> enrollments, LocalDate today) {
        List<ActivityFact> week = lastWholeDays(learner, facts, today);
        ReportMetrics metrics = ReportMetrics.of(week, learner.timeZone());
        if (metrics.isEmpty()) {
            return new Tip.StartSmall();
        }
        Optional<Tip> weakest = weakestCourse(learner, week, enrollments);
        if (weakest.isPresent()) {
            return weakest.get();
        }
        if (metrics.activeDays() < REGULAR_DAYS) {
            return new Tip.StudyMoreDays(metrics.activeDays(), TIP_DAYS);
        }
        if (metrics.minutes() < ENOUGH_MINUTES) {
            return new Tip.LongerSessions(metrics.minutes());
        }
        return new Tip.KeepGoing(metrics.activeDays(), metrics.minutes());
    }

    private static Optional<Tip> weakestCourse(Learner learner, List<ActivityFact> week,
                                               Collection<Enrollment> enrollments) {
        Tip.ReviewCourse weakest = null;
        for (Enrollment enrollment : enrollments) {
            if (!enrollment.learnerId().equals(learner.id())) {
                continue;
            }
            Course course = enrollment.course();
            OptionalDouble average = week.stream()
                    .filter(fact -> fact.courseId().equals(Optional.of(course.id())) && fact.score().isPresent())
                    .mapToDouble(fact -> fact.score().getAsDouble())
                    .average();
            if (average.isPresent() && average.getAsDouble() < LOW_COURSE_AVERAGE
                    && (weakest == null || average.getAsDouble() < weakest.averageScore())) {
                weakest = new Tip.ReviewCourse(course, average.getAsDouble());
            }
        }
        return Optional.ofNullable(weakest);
    }
}
