package io.mentorium.domain.report;

import io.mentorium.domain.learner.Course;

/** Something in a period worth pointing out to a parent. Rendered to text by the adapter in the parent's language. */
public sealed interface Highlight {

    /** The best scored activity of the period, when it was excellent. */
    record TopScore(String activityTitle, double score) implements Highlight {
    }

    /** The learner has studied every day for at least a week. */
    record LongStreak(int days) implements Highlight {
    }

    /** The average score rose noticeably against the previous period. */
    record ScoreImproved(double by) implements Highlight {
    }

    /** The platform reports the course as finished. */
    record CourseFinished(Course course) implements Highlight {
    }
}
