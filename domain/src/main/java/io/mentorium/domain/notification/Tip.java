package io.mentorium.domain.notification;

import io.mentorium.domain.learner.Course;
import java.util.Objects;

/**
 * The advice of a weekly tip, chosen by rules from the last seven whole days. Only numbers measured from the facts;
 * the words come from the adapter that renders it in the parent's language.
 */
public sealed interface Tip {

    /** Nothing at all in the last seven days: start with something small. */
    record StartSmall() implements Tip {
    }

    /** A scored course whose average is low: go over it together. */
    record ReviewCourse(Course course, double averageScore) implements Tip {

        public ReviewCourse {
            Objects.requireNonNull(course, "course");
        }
    }

    /** Studied on few of the seven days: short daily sessions beat one long one. */
    record StudyMoreDays(int activeDays, int days) implements Tip {
    }

    /** Studied regularly but briefly. */
    record LongerSessions(int minutes) implements Tip {
    }

    /** Regular and long enough: encourage. */
    record KeepGoing(int activeDays, int minutes) implements Tip {
    }
}
