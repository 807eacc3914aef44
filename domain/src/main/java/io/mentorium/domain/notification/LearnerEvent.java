package io.mentorium.domain.notification;

import io.mentorium.domain.learner.Course;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Something about a learner a parent may be told once: an achievement, a gap in the learner's studies, or the week's
 * tip. Days are the learner's own, counted in the learner's time zone. {@link #eventKey()} names the event, not the
 * moment it was noticed, so every run that sees the same event names it the same way.
 */
public sealed interface LearnerEvent {

    NotificationKind kind();

    /** Identifies the event among the learner's events of its kind; stable across runs. */
    String eventKey();

    /** A run of days without gaps reached {@code days} (3, 7, 14 or 30); {@code startedOn} tells one run from the next. */
    record StreakReached(int days, LocalDate startedOn) implements LearnerEvent {

        public StreakReached {
            Objects.requireNonNull(startedOn, "startedOn");
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ACHIEVEMENT;
        }

        @Override
        public String eventKey() {
            return "streak-" + days + ":" + startedOn;
        }
    }

    /** The platform shows a course at 100 % and the learner worked in it lately. Once per course. */
    record CourseCompleted(Course course) implements LearnerEvent {

        public CourseCompleted {
            Objects.requireNonNull(course, "course");
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ACHIEVEMENT;
        }

        @Override
        public String eventKey() {
            return "course:" + course.id().value();
        }
    }

    /** The day's best score of at least 90; at most one per learner and day, and one per run. */
    record TopScore(String activityTitle, double score, LocalDate day) implements LearnerEvent {

        public TopScore {
            Objects.requireNonNull(activityTitle, "activityTitle");
            Objects.requireNonNull(day, "day");
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.ACHIEVEMENT;
        }

        @Override
        public String eventKey() {
            return "top-score:" + day;
        }
    }

    /**
     * No activity on the {@code days} whole days since {@code lastActiveDay}. Keyed by the last active day, so one gap
     * is told once however long it lasts, and a new gap after the learner came back is told again.
     */
    record MissedDays(LocalDate lastActiveDay, int days) implements LearnerEvent {

        public MissedDays {
            Objects.requireNonNull(lastActiveDay, "lastActiveDay");
            if (days < 1) {
                throw new IllegalArgumentException("a gap has at least one day: " + days);
            }
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.MISSED_DAYS;
        }

        @Override
        public String eventKey() {
            return "since:" + lastActiveDay;
        }
    }

    /**
     * The week's tip, once per ISO week of the learner ({@code weekStart} is its Monday): the advice the rules chose,
     * and the figures it was chosen from, for a tip written in other words.
     */
    record WeeklyTip(LocalDate weekStart, Tip tip, TipFigures figures) implements LearnerEvent {

        public WeeklyTip {
            Objects.requireNonNull(weekStart, "weekStart");
            Objects.requireNonNull(tip, "tip");
            Objects.requireNonNull(figures, "figures");
        }

        @Override
        public NotificationKind kind() {
            return NotificationKind.RECOMMENDATION;
        }

        @Override
        public String eventKey() {
            return "week:" + weekStart;
        }
    }
}
