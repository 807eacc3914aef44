package io.mentorium.domain.report;

import io.mentorium.domain.learner.Course;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One course in a report.
 *
 * @param progressPercent the platform's overall progress in the course
 * @param activities      what the learner did in this course during the period
 */
public record CourseProgress(Course course, double progressPercent, int activities, OptionalDouble averageScore) {

    public CourseProgress {
        Objects.requireNonNull(course, "course");
        Objects.requireNonNull(averageScore, "averageScore");
    }
}
