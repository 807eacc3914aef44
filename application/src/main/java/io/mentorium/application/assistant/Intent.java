package io.mentorium.application.assistant;

/** What a parent's free text asks for, as far as keywords tell. */
public enum Intent {
    /** How a child is doing: lessons, minutes, scores. */
    PROGRESS,
    /** The weekly or monthly report. */
    REPORT,
    /** Days in a row of study. */
    STREAK,
    /** What a child did today, yesterday or lately: the activities themselves. */
    RECENT_ACTIVITY,
    /** The subject or course with the lowest scores. */
    WEAKEST_SUBJECT,
    /** What to practise, advice. */
    RECOMMENDATIONS,
    /** The parent's subscription and payment. */
    SUBSCRIPTION,
    /** Switching a notification kind on or off. */
    NOTIFICATIONS,
    /** When the bot must not write. */
    QUIET_HOURS,
    /** Which children are linked. */
    CHILDREN,
    /** Several children side by side: who studied more. */
    COMPARE,
    UNKNOWN
}
