package io.mentorium.domain.learner;

import java.util.Optional;

/** What a learner did, as the platform records it in {@code activities.kind}. */
public enum ActivityKind {
    LESSON_COMPLETED("lesson_completed"),
    QUIZ_COMPLETED("quiz_completed"),
    HOMEWORK_SUBMITTED("homework_submitted"),
    PRACTICE("practice");

    private final String platformName;

    ActivityKind(String platformName) {
        this.platformName = platformName;
    }

    public String platformName() {
        return platformName;
    }

    /** Unknown kinds are the platform's business: they are skipped, not fatal. */
    public static Optional<ActivityKind> fromPlatformName(String name) {
        for (ActivityKind kind : values()) {
            if (kind.platformName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
