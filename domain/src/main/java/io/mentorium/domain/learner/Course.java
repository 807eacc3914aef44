package io.mentorium.domain.learner;

import java.util.Objects;

public record Course(CourseId id, String title, String subject) {

    public Course {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subject, "subject");
    }
}
