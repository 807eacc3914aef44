package io.mentorium.domain.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Objects;

/**
 * The hours in which a parent does not want to be disturbed, as local times that may span midnight (22:00–08:00).
 * The start is inside the quiet hours, the end is not.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0));

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time: " + start);
        }
    }

    public boolean spansMidnight() {
        return end.isBefore(start);
    }

    public boolean contains(LocalTime time) {
        if (spansMidnight()) {
            return !time.isBefore(start) || time.isBefore(end);
        }
        return !time.isBefore(start) && time.isBefore(end);
    }

    public boolean contains(Instant instant, ZoneId zone) {
        return contains(instant.atZone(zone).toLocalTime());
    }

    /**
     * The first instant at or after {@code instant} that is outside the quiet hours. Daylight-saving changes are read
     * the way a clock on the wall shows them: when the end time does not exist that night (the clocks jump over it),
     * the quiet hours end when the clocks jump, since the wall clock is already past the end; when the end time comes
     * twice (the clocks go back), the quiet hours end at the first one, or at the second one for an instant inside the
     * repeated hour, which the wall clock shows as quiet again. The answer is never before {@code instant}.
     */
    public Instant nextAllowed(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        if (!contains(local.toLocalTime())) {
            return instant;
        }
        LocalDate endDay = local.toLocalDate();
        if (spansMidnight() && !local.toLocalTime().isBefore(start)) {
            endDay = endDay.plusDays(1);
        }
        LocalDateTime endLocal = LocalDateTime.of(endDay, end);
        ZoneRules rules = zone.getRules();
        Instant candidate;
        if (rules.getValidOffsets(endLocal).isEmpty()) {
            // In a gap: the first instant after the jump, whose local time is already past the end.
            candidate = rules.getTransition(endLocal).getInstant();
        } else {
            ZonedDateTime endAt = ZonedDateTime.ofLocal(endLocal, zone, null);
            if (endAt.toInstant().isBefore(instant)) {
                // Inside the repeated hour after the clocks went back: the end's second occurrence.
                endAt = endAt.withLaterOffsetAtOverlap();
            }
            candidate = endAt.toInstant();
        }
        // Only when the start also falls just after a gap can the candidate still be quiet; then wait for the next end.
        return contains(candidate, zone) ? nextAllowed(candidate, zone) : candidate;
    }
}
