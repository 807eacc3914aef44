package io.mentorium.application.admin;

import io.mentorium.domain.shared.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** The period an operator types after a command: {@code 30d} (1–366 days back from now) or nothing (this month). */
final class Periods {

    static final int MAX_DAYS = 366;

    private Periods() {
    }

    static Optional<TimeWindow> parse(String typed, Instant now, ZoneId zone) {
        String token = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (token.isEmpty()) {
            LocalDate first = now.atZone(zone).toLocalDate().withDayOfMonth(1);
            return Optional.of(new TimeWindow(first.atStartOfDay(zone).toInstant(), now));
        }
        if (!token.endsWith("d") || token.length() < 2 || token.length() > 4
                || !token.substring(0, token.length() - 1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int days = Integer.parseInt(token.substring(0, token.length() - 1));
        if (days < 1 || days > MAX_DAYS) {
            return Optional.empty();
        }
        return Optional.of(new TimeWindow(now.minus(Duration.ofDays(days)), now));
    }
}
