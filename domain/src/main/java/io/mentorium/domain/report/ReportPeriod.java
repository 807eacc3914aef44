package io.mentorium.domain.report;

import io.mentorium.domain.shared.TimeWindow;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The calendar days a report covers: an ISO week (Monday to Sunday) or a calendar month, as local dates, so that the
 * same period means each learner's own days in their own time zone.
 *
 * @param start first day (inclusive)
 * @param end   first day after the period (exclusive)
 */
public record ReportPeriod(ReportKind kind, LocalDate start, LocalDate end) {

    public ReportPeriod {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("empty period " + start + " .. " + end);
        }
        boolean aligned = switch (kind) {
            case WEEKLY -> start.getDayOfWeek() == DayOfWeek.MONDAY && end.equals(start.plusWeeks(1));
            case MONTHLY -> start.getDayOfMonth() == 1 && end.equals(start.plusMonths(1));
        };
        if (!aligned) {
            throw new IllegalArgumentException(kind + " period must be a whole calendar " + (kind == ReportKind.WEEKLY ? "week" : "month") + ": " + start + " .. " + end);
        }
    }

    public static ReportPeriod containing(ReportKind kind, LocalDate day) {
        return switch (kind) {
            case WEEKLY -> weekContaining(day);
            case MONTHLY -> monthContaining(day);
        };
    }

    public static ReportPeriod weekContaining(LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportPeriod(ReportKind.WEEKLY, monday, monday.plusWeeks(1));
    }

    public static ReportPeriod monthContaining(LocalDate day) {
        LocalDate first = day.withDayOfMonth(1);
        return new ReportPeriod(ReportKind.MONTHLY, first, first.plusMonths(1));
    }

    /** The last period that ended on or before {@code today}: what a scheduled report is about. */
    public static ReportPeriod lastCompleted(ReportKind kind, LocalDate today) {
        ReportPeriod current = containing(kind, today);
        return current.previous();
    }

    public ReportPeriod previous() {
        return containing(kind, start.minusDays(1));
    }

    public ReportPeriod next() {
        return containing(kind, end);
    }

    public LocalDate lastDay() {
        return end.minusDays(1);
    }

    public int lengthInDays() {
        return (int) ChronoUnit.DAYS.between(start, end);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }

    public Stream<LocalDate> days() {
        return start.datesUntil(end);
    }

    /** The instants of this period for someone living in {@code zone}. */
    public TimeWindow window(ZoneId zone) {
        return new TimeWindow(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
    }
}
