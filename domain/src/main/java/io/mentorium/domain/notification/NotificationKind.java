package io.mentorium.domain.notification;

/** The five kinds of notification a parent can receive. */
public enum NotificationKind {
    /** A child reached something worth celebrating (a streak, a finished course, a top score). */
    ACHIEVEMENT,
    /** A child has not studied for several days. */
    MISSED_DAYS,
    /** A suggestion derived from the child's results. */
    RECOMMENDATION,
    /** Reminders such as a subscription about to end. */
    REMINDER,
    /** Announcements from the operators; a parent cannot switch these off. */
    SYSTEM;

    public boolean canBeDisabled() {
        return this != SYSTEM;
    }
}
