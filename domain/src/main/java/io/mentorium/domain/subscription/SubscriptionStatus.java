package io.mentorium.domain.subscription;

public enum SubscriptionStatus {
    /** Inside a paid period. */
    ACTIVE,
    /** The paid periods ended less than the grace period ago: access is kept, reminders are due. */
    GRACE,
    /** Never paid, or ended longer ago than the grace period. */
    EXPIRED
}
