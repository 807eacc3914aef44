package io.mentorium.application.admin;

import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.ViewStatistics;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.domain.staff.StaffAction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@code /stats}: the figures in one read; the revenue period is the current month unless a number of days is given. */
public final class ViewStatisticsService implements ViewStatistics {

    private final ManageStaff staff;
    private final OperatorQueries queries;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ZoneId zone;

    public ViewStatisticsService(ManageStaff staff, OperatorQueries queries, EventLog events,
                                 TransactionRunner transactions, Clock clock, ZoneId zone) {
        this.staff = Objects.requireNonNull(staff, "staff");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Outcome view(TelegramUserId actor, String period) {
        if (!staff.may(actor, StaffAction.VIEW_STATISTICS)) {
            return new Outcome.NotAllowed();
        }
        Instant now = clock.instant();
        Optional<TimeWindow> window = period(period == null ? "" : period.strip(), now);
        if (window.isEmpty()) {
            return new Outcome.BadPeriod();
        }
        ZonedDateTime dayStart = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        TimeWindow today = new TimeWindow(dayStart.toInstant(), dayStart.plusDays(1).toInstant());
        // One read-only transaction: every figure comes from the same snapshot, and the event goes with it.
        OperatorQueries.Statistics statistics = transactions.inTransaction(() -> {
            OperatorQueries.Statistics read = queries.statistics(window.get(), today, now, zone);
            events.record(new EventLog.Event("admin.stats_viewed", Optional.of(actor), Map.of(
                    "from", window.get().from().toString(), "to", window.get().to().toString()), now));
            return read;
        });
        return new Outcome.Shown(window.get(), statistics);
    }

    private Optional<TimeWindow> period(String typed, Instant now) {
        return Periods.parse(typed, now, zone);
    }
}
