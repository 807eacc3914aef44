package io.mentorium.domain.learner;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A learner as the platform describes them. The bot never changes a learner; it only reads them.
 *
 * @param grade    the platform's free-text grade ("7", "7B"); absent for adult learners
 * @param timeZone the zone in which the learner's days are counted (streaks, active days, missed days)
 */
public record Learner(LearnerId id, String fullName, Optional<String> grade, ZoneId timeZone, boolean active) {

    public Learner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(timeZone, "timeZone");
        fullName = fullName.strip();
        if (fullName.isEmpty()) {
            throw new IllegalArgumentException("learner " + id + " has no name");
        }
        grade = grade.map(String::strip).filter(g -> !g.isEmpty());
    }

    /** The first word of the full name: what a report calls the child. */
    public String firstName() {
        int space = fullName.indexOf(' ');
        return space < 0 ? fullName : fullName.substring(0, space);
    }
}
