package io.mentorium.domain.subscription;

import java.time.Instant;
import java.util.Objects;

/** A stretch of access bought by one grant, {@code [start, end)}. */
public record PaidPeriod(Grant grant, Instant start, Instant end) {

    public PaidPeriod {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("paid period must end after it starts");
        }
    }

    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
