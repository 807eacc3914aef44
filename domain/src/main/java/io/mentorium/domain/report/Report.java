package io.mentorium.domain.report;

import io.mentorium.domain.learner.ActivityFact;
import io.mentorium.domain.learner.CourseId;
import io.mentorium.domain.learner.Enrollment;
import io.mentorium.domain.learner.Learner;
import io.mentorium.domain.shared.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A learner's weekly or monthly report, composed from activity facts. Everything a parent reads in a report is here
 * as data; the words come from the adapter that renders it in the parent's language.
 *
 * @param asOf       the last day the figures include: the period's last day, or today while the period runs
 * @param metrics    the figures of the period up to {@code asOf}
 * @param previous   the figures of the previous period over the same number of days
 * @param streakDays consecutive active days up to {@code asOf}, counted in the learner's time zone
 * @param minutesByDay         minutes studied on each day of the period, in the learner's time zone, from its first
 *                             day; days after {@code asOf} are 0 (nothing happened yet)
 * @param previousMinutesByDay the same for every day of the previous period, whole (the chart shows all of it)
 */
public record Report(Learner learner, ReportPeriod period, LocalDate asOf, ReportMetrics metrics,
                     ReportMetrics previous, Trend trend, int streakDays, List<CourseProgress> courses,
                     List<Highlight> highlights, List<Gap> gaps, List<Suggestion> suggestions,
                     List<Integer> minutesByDay, List<Integer> previousMinutesByDay) {

    /** How far back before a period activity is read to measure a streak that began earlier. */
    public static final int STREAK_LOOKBACK_DAYS = 62;
    static final double TOP_SCORE = 90.0;
    static final double LOW_SCORE = 60.0;
    static final double NOTABLE_SCORE_GAIN = 5.0;
    static final int LONG_STREAK_DAYS = 7;
    static final int MIN_GAP_DAYS = 2;
    /** Fewer active days than this share of the elapsed days earns a "study more regularly" suggestion. */
    static final double REGULARITY_SHARE = 4.0 / 7.0;

    public Report {
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(trend, "trend");
        courses = List.copyOf(courses);
        highlights = List.copyOf(highlights);
        gaps = List.copyOf(gaps);
        suggestions = List.copyOf(suggestions);
        minutesByDay = List.copyOf(minutesByDay);
        previousMinutesByDay = List.copyOf(previousMinutesByDay);
        if (minutesByDay.size() != period.lengthInDays()
                || previousMinutesByDay.size() != period.previous().lengthInDays()) {
            throw new IllegalArgumentException("minutes by day must cover the period and the previous one, day by day");
        }
    }

    public boolean isEmpty() {
        return metrics.isEmpty();
    }

    /**
     * The instants whose activity {@link #compose} needs: the streak look-back, the previous period and this one,
     * padded by a day on each side so that it holds for a learner in any time zone.
     */
    public static TimeWindow factsWindow(ReportPeriod period) {
        LocalDate from = period.previous().start().isBefore(period.start().minusDays(STREAK_LOOKBACK_DAYS))
                ? period.previous().start()
                : period.start().minusDays(STREAK_LOOKBACK_DAYS);
        return new TimeWindow(from.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                period.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Composes the report.
     *
     * @param facts       the learner's activity over at least {@link #factsWindow(ReportPeriod)}; facts of other
     *                    learners or after {@code now} are ignored
     * @param enrollments the learner's courses
     * @param now         the current instant; the period must have started by then in the learner's time zone
     */
    public static Report compose(Learner learner, ReportPeriod period, Collection<ActivityFact> facts,
                                 Collection<Enrollment> enrollments, Instant now) {
        ZoneId zone = learner.timeZone();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (today.isBefore(period.start())) {
            throw new IllegalArgumentException("period " + period.start() + " has not started for " + learner.id());
        }
        LocalDate asOf = today.isBefore(period.lastDay()) ? today : period.lastDay();
        boolean dayInProgress = asOf.equals(today);
        int elapsedDays = (int) ChronoUnit.DAYS.between(period.start(), asOf) + 1;

        List<ActivityFact> own = facts.stream()
                .filter(fact -> fact.learnerId().equals(learner.id()))
                .filter(fact -> !fact.occurredAt().isAfter(now))
                .toList();
        List<ActivityFact> current = between(own, zone, period.start(), asOf);
        ReportPeriod previousPeriod = period.previous();
        int comparedDays = Math.min(elapsedDays, previousPeriod.lengthInDays());
        List<ActivityFact> before = between(own, zone, previousPeriod.start(),
                previousPeriod.start().plusDays(comparedDays - 1L));

        ReportMetrics metrics = ReportMetrics.of(current, zone);
        ReportMetrics previousMetrics = ReportMetrics.of(before, zone);
        Trend trend = Trend.between(previousMetrics, metrics);
        Set<LocalDate> activeDays = own.stream().map(fact -> fact.dayIn(zone)).collect(Collectors.toSet());
        int streak = Streak.daysEndingAt(activeDays, asOf, dayInProgress);
        List<CourseProgress> courses = courses(enrollments, learner, current);

        return new Report(learner, period, asOf, metrics, previousMetrics, trend, streak, courses,
                highlights(current, trend, streak, courses), gaps(activeDays, period.start(), asOf, dayInProgress),
                suggestions(metrics, elapsedDays, courses),
                minutesByDay(between(own, zone, period.start(), asOf), zone, period),
                minutesByDay(between(own, zone, previousPeriod.start(), previousPeriod.lastDay()), zone,
                        previousPeriod));
    }

    /**
     * Minutes per day of the period. Each day is rounded down on its own, like the period's total, so a day shows
     * only whole minutes that were studied on it.
     */
    private static List<Integer> minutesByDay(List<ActivityFact> facts, ZoneId zone, ReportPeriod period) {
        long[] seconds = new long[period.lengthInDays()];
        for (ActivityFact fact : facts) {
            seconds[(int) ChronoUnit.DAYS.between(period.start(), fact.dayIn(zone))] += fact.durationSeconds();
        }
        List<Integer> minutes = new ArrayList<>(seconds.length);
        for (long daySeconds : seconds) {
            minutes.add((int) (daySeconds / 60));
        }
        return minutes;
    }

    private static List<ActivityFact> between(List<ActivityFact> facts, ZoneId zone, LocalDate first, LocalDate last) {
        return facts.stream().filter(fact -> {
            LocalDate day = fact.dayIn(zone);
            return !day.isBefore(first) && !day.isAfter(last);
        }).toList();
    }

    private static List<CourseProgress> courses(Collection<Enrollment> enrollments, Learner learner,
                                                List<ActivityFact> current) {
        List<CourseProgress> result = new ArrayList<>();
        for (Enrollment enrollment : enrollments) {
            if (!enrollment.learnerId().equals(learner.id())) {
                continue;
            }
            CourseId courseId = enrollment.course().id();
            List<ActivityFact> inCourse = current.stream()
                    .filter(fact -> fact.courseId().equals(Optional.of(courseId)))
                    .toList();
            OptionalDouble average = inCourse.stream()
                    .filter(fact -> fact.score().isPresent())
                    .mapToDouble(fact -> fact.score().getAsDouble())
                    .average();
            result.add(new CourseProgress(enrollment.course(), enrollment.progressPercent(), inCourse.size(), average));
        }
        result.sort(Comparator.comparingInt(CourseProgress::activities).reversed()
                .thenComparing(progress -> progress.course().title()));
        return result;
    }

    private static List<Highlight> highlights(List<ActivityFact> current, Trend trend, int streak,
                                              List<CourseProgress> courses) {
        List<Highlight> highlights = new ArrayList<>();
        current.stream()
                .filter(fact -> fact.score().isPresent() && fact.score().getAsDouble() >= TOP_SCORE)
                .max(Comparator.comparingDouble((ActivityFact fact) -> fact.score().getAsDouble())
                        .thenComparing(ActivityFact::occurredAt))
                .ifPresent(best -> highlights.add(new Highlight.TopScore(best.title(), best.score().getAsDouble())));
        if (streak >= LONG_STREAK_DAYS) {
            highlights.add(new Highlight.LongStreak(streak));
        }
        if (trend.averageScoreDelta().isPresent() && trend.averageScoreDelta().getAsDouble() >= NOTABLE_SCORE_GAIN) {
            highlights.add(new Highlight.ScoreImproved(trend.averageScoreDelta().getAsDouble()));
        }
        for (CourseProgress course : courses) {
            if (course.progressPercent() >= 100.0 && course.activities() > 0) {
                highlights.add(new Highlight.CourseFinished(course.course()));
            }
        }
        return highlights;
    }

    private static List<Gap> gaps(Set<LocalDate> activeDays, LocalDate first, LocalDate asOf, boolean dayInProgress) {
        // Today is not a missed day until it is over.
        LocalDate last = dayInProgress && !activeDays.contains(asOf) ? asOf.minusDays(1) : asOf;
        List<Gap> gaps = new ArrayList<>();
        LocalDate gapStart = null;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (activeDays.contains(day)) {
                if (gapStart != null) {
                    addGap(gaps, gapStart, day.minusDays(1));
                    gapStart = null;
                }
            } else if (gapStart == null) {
                gapStart = day;
            }
        }
        if (gapStart != null) {
            addGap(gaps, gapStart, last);
        }
        return gaps;
    }

    private static void addGap(List<Gap> gaps, LocalDate from, LocalDate to) {
        Gap gap = new Gap(from, to);
        if (gap.days() >= MIN_GAP_DAYS) {
            gaps.add(gap);
        }
    }

    private static List<Suggestion> suggestions(ReportMetrics metrics, int elapsedDays, List<CourseProgress> courses) {
        if (metrics.isEmpty()) {
            return List.of(new Suggestion.StartStudying());
        }
        List<Suggestion> suggestions = new ArrayList<>();
        if (metrics.activeDays() < elapsedDays * REGULARITY_SHARE) {
            suggestions.add(new Suggestion.StudyMoreRegularly(metrics.activeDays(), elapsedDays));
        }
        for (CourseProgress course : courses) {
            if (course.averageScore().isPresent() && course.averageScore().getAsDouble() < LOW_SCORE) {
                suggestions.add(new Suggestion.ReviewCourse(course.course(), course.averageScore().getAsDouble()));
            }
        }
        if (suggestions.isEmpty()) {
            suggestions.add(new Suggestion.KeepItUp());
        }
        return suggestions;
    }
}
