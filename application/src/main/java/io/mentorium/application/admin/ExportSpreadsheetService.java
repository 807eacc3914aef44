package io.mentorium.application.admin;

import io.mentorium.application.port.in.ExportSpreadsheet;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.OperatorQueries;
import io.mentorium.application.port.out.OperatorQueries.ExportKind;
import io.mentorium.application.port.out.SpreadsheetWriter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.shared.TimeWindow;
import io.mentorium.domain.staff.StaffAction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code /export}: one set-based read (bounded by {@link #MAX_ROWS}), a spreadsheet built in memory, and the event in
 * the log. The read and the event share a transaction; the file is built after it, so no transaction waits on it.
 */
public final class ExportSpreadsheetService implements ExportSpreadsheet {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final ManageStaff staff;
    private final OperatorQueries queries;
    private final SpreadsheetWriter writer;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final ZoneId zone;

    public ExportSpreadsheetService(ManageStaff staff, OperatorQueries queries, SpreadsheetWriter writer,
                                    EventLog events, TransactionRunner transactions, Clock clock, ZoneId zone) {
        this.staff = Objects.requireNonNull(staff, "staff");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Outcome export(TelegramUserId actor, String what, String period) {
        if (!staff.may(actor, StaffAction.EXPORT)) {
            return new Outcome.NotAllowed();
        }
        Instant now = clock.instant();
        Optional<ExportKind> kind = kind(what);
        Optional<TimeWindow> window = Periods.parse(period, now, zone);
        if (kind.isEmpty() || window.isEmpty()) {
            return new Outcome.Usage();
        }
        String name = kind.get().name().toLowerCase(Locale.ROOT);
        OperatorQueries.Table table = transactions.inTransaction(() -> {
            // One row more than allowed tells whether anything was left out.
            OperatorQueries.Table read = queries.export(kind.get(), window.get(), MAX_ROWS + 1);
            events.record(new EventLog.Event("admin.exported", Optional.of(actor), Map.of("kind", name,
                    "from", window.get().from().toString(), "to", window.get().to().toString(),
                    "rows", Integer.toString(Math.min(read.rows().size(), MAX_ROWS))), now));
            return read;
        });
        boolean truncated = table.rows().size() > MAX_ROWS;
        List<List<Object>> rows = truncated ? table.rows().subList(0, MAX_ROWS) : table.rows();
        byte[] content = writer.write(List.of(new SpreadsheetWriter.Sheet(name, table.header(), rows)));
        if (content.length > Messenger.MAX_DOCUMENT_BYTES) {
            return new Outcome.TooLarge(content.length);
        }
        String fileName = name + "-" + DAY.format(window.get().from().atZone(zone)) + "-"
                + DAY.format(window.get().to().atZone(zone)) + "." + writer.extension();
        return new Outcome.Ready(kind.get(), window.get(), fileName, content, rows.size(), truncated);
    }

    private static Optional<ExportKind> kind(String typed) {
        String token = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(ExportKind.values()).filter(kind -> kind.name().equals(token)).findFirst();
    }
}
