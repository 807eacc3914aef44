package io.mentorium.domain.subscription;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** What a parent can buy. Lengths are calendar months, so a month bought on 31 January ends on 28/29 February. */
public enum Plan {
    MONTH(1),
    QUARTER(3),
    YEAR(12);

    private final int months;

    Plan(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }

    /** The end of a period of this plan starting at {@code start}, counting months in {@code zone}. */
    public Instant endOfPeriodFrom(Instant start, ZoneId zone) {
        return start.atZone(zone).plusMonths(months).toInstant();
    }

    public static Optional<Plan> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
