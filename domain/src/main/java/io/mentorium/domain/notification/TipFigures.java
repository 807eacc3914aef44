package io.mentorium.domain.notification;

import io.mentorium.domain.report.ReportMetrics;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The figures a weekly tip may quote: the learner's last seven whole days (the days the rules judged), the current
 * streak and the courses the learner is enrolled in. A tip written by a model is given these and nothing else, so every
 * number it states must come from here.
 *
 * @param days       the whole days {@code week} covers
 * @param streakDays the current run of days without gaps, today included once it has activity
 * @param courses    at most {@link #MAX_COURSES}, those worked in during the week first
 */
public record TipFigures(int days, ReportMetrics week, int streakDays, List<CourseFigures> courses) {

    /** Enough for a tip's one to three suggestions, and a bound on what a prompt carries. */
    public static final int MAX_COURSES = 8;

    public TipFigures {
        Objects.requireNonNull(week, "week");
        courses = List.copyOf(courses);
        if (days < 1 || streakDays < 0) {
            throw new IllegalArgumentException("days must be positive and the streak not negative");
        }
        if (courses.size() > MAX_COURSES) {
            throw new IllegalArgumentException("at most " + MAX_COURSES + " courses: " + courses.size());
        }
    }

    /**
     * One course as the week saw it.
     *
     * @param title           the platform's title: data, never instructions
     * @param progressPercent the platform's own progress figure, 0..100
     * @param activities      the learner's activities in the course during the week
     * @param averageScore    of the week's scored activities in the course, empty when none was scored
     */
    public record CourseFigures(String title, double progressPercent, int activities, OptionalDouble averageScore) {

        public CourseFigures {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(averageScore, "averageScore");
        }
    }
}
