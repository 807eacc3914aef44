package io.mentorium.domain.notification;

import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionStatus;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A reminder about the parent's own subscription. Keyed by the end of the paid periods it is about, so each is told
 * once per paid period: renewing moves the end, and the next period's reminders are new events.
 */
public sealed interface SubscriptionReminder {

    /** How long before the end the "ends soon" reminder is due. */
    Duration ENDS_SOON = Duration.ofDays(3);
    /** How long before the end of grace the "grace ends" reminder is due. */
    Duration GRACE_ENDING = Duration.ofDays(1);

    /** Identifies the reminder among the parent's reminders; stable across runs. */
    String eventKey();

    record EndsSoon(Instant paidUntil) implements SubscriptionReminder {

        public EndsSoon {
            Objects.requireNonNull(paidUntil, "paidUntil");
        }

        @Override
        public String eventKey() {
            return "ends-soon:" + paidUntil;
        }
    }

    /** The paid periods ended; access lasts until {@code graceEndsAt}. */
    record Ended(Instant paidUntil, Instant graceEndsAt) implements SubscriptionReminder {

        public Ended {
            Objects.requireNonNull(paidUntil, "paidUntil");
            Objects.requireNonNull(graceEndsAt, "graceEndsAt");
        }

        @Override
        public String eventKey() {
            return "ended:" + paidUntil;
        }
    }

    record GraceEnding(Instant paidUntil, Instant graceEndsAt) implements SubscriptionReminder {

        public GraceEnding {
            Objects.requireNonNull(paidUntil, "paidUntil");
            Objects.requireNonNull(graceEndsAt, "graceEndsAt");
        }

        @Override
        public String eventKey() {
            return "grace-ending:" + paidUntil;
        }
    }

    /**
     * The reminder due at {@code now}, if any: the latest stage reached, so a parent whose reminders ran late is not
     * told "it ended" and "grace ends" at once. Never-paid parents get none (a trial is not a subscription).
     */
    static Optional<SubscriptionReminder> due(Subscription subscription, SubscriptionTerms terms, Instant now) {
        Optional<Instant> paidUntil = subscription.paidUntil(terms);
        if (paidUntil.isEmpty()) {
            return Optional.empty();
        }
        Instant end = paidUntil.get();
        Instant graceEnd = end.plus(terms.grace());
        SubscriptionStatus status = subscription.statusAt(now, terms);
        if (status == SubscriptionStatus.ACTIVE) {
            return now.isBefore(end) && !now.isBefore(end.minus(ENDS_SOON))
                    ? Optional.of(new EndsSoon(end))
                    : Optional.empty();
        }
        if (status == SubscriptionStatus.GRACE) {
            return !now.isBefore(graceEnd.minus(GRACE_ENDING))
                    ? Optional.of(new GraceEnding(end, graceEnd))
                    : Optional.of(new Ended(end, graceEnd));
        }
        // Without grace the parent still hears it ended, on the first run within a day of the end.
        return terms.grace().isZero() && !now.isBefore(end) && now.isBefore(end.plus(GRACE_ENDING))
                ? Optional.of(new Ended(end, end))
                : Optional.empty();
    }
}
