package io.mentorium.domain.learner;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One thing a learner did on the platform, read from {@code activities}.
 *
 * @param score 0..100 where the activity is scored (quizzes, homework), empty otherwise
 */
public record ActivityFact(long id, LearnerId learnerId, Optional<CourseId> courseId, ActivityKind kind, String title,
                           OptionalDouble score, int durationSeconds, Instant occurredAt) {

    public ActivityFact {
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(courseId, "courseId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (score.isPresent() && (Double.isNaN(score.getAsDouble()) || score.getAsDouble() < 0 || score.getAsDouble() > 100)) {
            throw new IllegalArgumentException("score must be within 0..100: " + score.getAsDouble());
        }
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("negative duration: " + durationSeconds);
        }
    }

    /** The learner's calendar day of this activity: a lesson at 23:30 in Tashkent is that day, not the UTC one. */
    public LocalDate dayIn(ZoneId zone) {
        return occurredAt.atZone(zone).toLocalDate();
    }
}
