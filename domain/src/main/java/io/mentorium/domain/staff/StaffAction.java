package io.mentorium.domain.staff;

/** What the bot's operators can do through its commands. */
public enum StaffAction {
    /** {@code /stats}: counts, revenue and queue depths; nothing about any one person. */
    VIEW_STATISTICS,
    /** {@code /find}: one parent's account, with the e-mail masked. */
    FIND_PARENT,
    /** {@code /refund}: gives a Stars payment back. */
    REFUND,
    /** {@code /broadcast}: a system announcement to every parent. */
    BROADCAST,
    /** {@code /export}: spreadsheets of subscriptions, payments and events. */
    EXPORT,
    /** {@code /grant} and {@code /revoke}: who else is an operator. */
    MANAGE_STAFF,
    /** {@code /reply}: answers a parent's payment-support message in the bot. */
    ANSWER_SUPPORT
}
