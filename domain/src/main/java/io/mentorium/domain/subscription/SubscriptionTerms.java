package io.mentorium.domain.subscription;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The operator's rules every subscription follows.
 *
 * @param grace how long access is kept after the paid periods end ({@code GRACE_PERIOD_DAYS})
 * @param zone  the zone in which plan months are counted ({@code BOT_TIMEZONE})
 */
public record SubscriptionTerms(Duration grace, ZoneId zone) {

    public SubscriptionTerms {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(zone, "zone");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace period cannot be negative");
        }
    }

    public static SubscriptionTerms ofGraceDays(int days, ZoneId zone) {
        return new SubscriptionTerms(Duration.ofDays(days), zone);
    }
}
