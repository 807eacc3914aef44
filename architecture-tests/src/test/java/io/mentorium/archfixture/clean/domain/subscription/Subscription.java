package io.mentorium.archfixture.clean.domain.subscription;

import java.time.Duration;
import java.time.Instant;

/** Time comes in as an argument; the enum switch compiles to a synthetic switch-map class. */
public record Subscription(Plan plan, Instant paidUntil) {

    public boolean isActiveAt(Instant instant) {
        return instant.isBefore(paidUntil);
    }

    public Duration gracePeriod() {
        switch (plan) {
            case FREE:
                return Duration.ZERO;
            case PREMIUM:
                return Duration.ofDays(3);
            default:
                throw new IllegalStateException("unknown plan " + plan);
        }
    }
}
