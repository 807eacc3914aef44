package io.mentorium.domain.learner;

import java.util.Objects;

public record CourseId(String value) {

    public CourseId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("blank course id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
