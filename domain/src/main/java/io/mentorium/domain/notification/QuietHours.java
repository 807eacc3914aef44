package io.mentorium.domain.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
     * The first instant at or after {@code instant} that is outside the quiet hours. When the end time does not exist on
     * that day (a daylight-saving gap) the zone rules move it forward, which is what a person would expect.
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
        return ZonedDateTime.of(endDay, end, zone).toInstant();
    }
}
