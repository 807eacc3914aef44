package io.mentorium.domain.learner;

import java.time.Instant;
import java.util.Objects;

/** A learner's place in a course, with the platform's own progress figure (0..100). */
public record Enrollment(LearnerId learnerId, Course course, Instant enrolledAt, double progressPercent) {

    public Enrollment {
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(course, "course");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        if (Double.isNaN(progressPercent) || progressPercent < 0 || progressPercent > 100) {
            throw new IllegalArgumentException("progress must be within 0..100: " + progressPercent);
        }
    }

    public boolean completed() {
        return progressPercent >= 100.0;
    }
}
