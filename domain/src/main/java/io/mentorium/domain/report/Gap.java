package io.mentorium.domain.report;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Consecutive days without any activity, {@code from} and {@code to} inclusive. */
public record Gap(LocalDate from, LocalDate to) {

    public Gap {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("gap ends before it starts");
        }
    }

    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }
}
