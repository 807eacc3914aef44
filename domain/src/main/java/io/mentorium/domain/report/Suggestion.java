package io.mentorium.domain.report;

import io.mentorium.domain.learner.Course;

/** Advice derived from a period's facts. Rendered to text by the adapter in the parent's language. */
public sealed interface Suggestion {

    /** Nothing at all happened in the period. */
    record StartStudying() implements Suggestion {
    }

    /** Studied on too few days: short daily sessions beat one long one. */
    record StudyMoreRegularly(int activeDays, int periodDays) implements Suggestion {
    }

    /** Scores in a course are low: revisit its material. */
    record ReviewCourse(Course course, double averageScore) implements Suggestion {
    }

    /** Everything looks good: encourage the learner to keep going. */
    record KeepItUp() implements Suggestion {
    }
}
