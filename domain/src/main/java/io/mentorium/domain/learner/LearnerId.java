package io.mentorium.domain.learner;

import java.util.Objects;

/** The platform's id of a learner (the platform's text primary key). */
public record LearnerId(String value) implements Comparable<LearnerId> {

    public LearnerId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 128) {
            throw new IllegalArgumentException("learner id must be 1..128 non-blank characters");
        }
    }

    @Override
    public int compareTo(LearnerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
