package io.mentorium.domain.subscription;

/** What a subscription may unlock. */
public enum Feature {
    /** Linking children, the menu, settings and this week's report are free: a parent must see value before paying. */
    CHILDREN(false),
    PROGRESS_REPORT(false),
    AI_ASSISTANT(true),
    SCHEDULED_REPORTS(true),
    NOTIFICATIONS(true);

    private final boolean paid;

    Feature(boolean paid) {
        this.paid = paid;
    }

    public boolean paid() {
        return paid;
    }
}
