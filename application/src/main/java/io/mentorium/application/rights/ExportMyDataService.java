package io.mentorium.application.rights;

import io.mentorium.application.port.in.ExportMyData;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PersonalData;
import io.mentorium.application.port.out.SpreadsheetWriter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * "My data" as a spreadsheet, one sheet per kind of data: the same format operators' exports use, readable without
 * tools, and every stored value in a cell of its own. Read in one transaction (a consistent picture), built after it.
 */
public final class ExportMyDataService implements ExportMyData {

    private final ParentRepository parents;
    private final PersonalData data;
    private final SpreadsheetWriter writer;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;

    public ExportMyDataService(ParentRepository parents, PersonalData data, SpreadsheetWriter writer, EventLog events,
                               TransactionRunner transactions, Clock clock) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.data = Objects.requireNonNull(data, "data");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome export(TelegramUserId parent) {
        Instant now = clock.instant();
        Optional<List<PersonalData.Section>> sections = transactions.inTransaction(() -> {
            if (parents.findById(parent).isEmpty()) {
                return Optional.empty();
            }
            List<PersonalData.Section> read = data.collect(parent);
            events.record(new EventLog.Event("parent.data_exported", Optional.of(parent), Map.of(), now));
            return Optional.of(read);
        });
        if (sections.isEmpty()) {
            return new Outcome.NotRegistered();
        }
        byte[] content = writer.write(sections.get().stream()
                .map(section -> new SpreadsheetWriter.Sheet(section.name(), section.header(), section.rows()))
                .toList());
        if (content.length > Messenger.MAX_DOCUMENT_BYTES) {
            return new Outcome.TooLarge();
        }
        String day = DateTimeFormatter.ISO_LOCAL_DATE.format(now.atOffset(ZoneOffset.UTC));
        return new Outcome.Ready("mentorium-my-data-" + day + "." + writer.extension(), content);
    }
}
