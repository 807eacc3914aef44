package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.EventLog;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Business events in {@code bot.event_log}, details as a JSON object of strings. Inside a
 * {@link JdbiTransactionRunner} transaction an event waits for the end of it and goes in with the transaction's other
 * events in one statement ({@link PendingEvents}); outside one it is written at once.
 */
public final class JdbiEventLog implements EventLog {

    private static final int DEFAULT_PURGE_CHUNK = 5_000;

    private final Jdbi jdbi;
    private final int purgeChunk;

    public JdbiEventLog(Jdbi jdbi) {
        this(jdbi, DEFAULT_PURGE_CHUNK);
    }

    public JdbiEventLog(Jdbi jdbi, int purgeChunk) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.purgeChunk = Storage.chunk(purgeChunk);
    }

    @Override
    public void record(Event event) {
        String[] keys = event.details().keySet().toArray(String[]::new);
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = event.details().get(keys[i]);
        }
        EventRow row = new EventRow(event.type(), event.actor().map(TelegramUserId::value).orElse(null), keys, values,
                event.at());
        if (!PendingEvents.hold(row)) {
            Storage.run("record an event", () -> jdbi.useExtension(EventLogDao.class, dao -> dao.insert(List.of(row))));
        }
    }

    @Override
    public List<Event> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return toEvents(Storage.call("load recent events",
                () -> jdbi.withExtension(EventLogDao.class, dao -> dao.recent(limit))));
    }

    @Override
    public List<Event> find(EventQuery query) {
        return toEvents(Storage.call("find events", () -> jdbi.withExtension(EventLogDao.class,
                dao -> dao.find(query.type().orElse(null), query.actor().map(TelegramUserId::value).orElse(null),
                        query.from(), query.to(), query.limit()))));
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return Storage.inChunks("purge old events", purgeChunk,
                () -> jdbi.withExtension(EventLogDao.class, dao -> dao.purgeBefore(cutoff, purgeChunk)));
    }

    private static List<Event> toEvents(List<EventRow> rows) {
        try {
            return rows.stream().map(JdbiEventLog::toEvent).toList();
        } catch (RuntimeException e) {
            throw Storage.corrupt("event", e);
        }
    }

    private static Event toEvent(EventRow row) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < row.detailKeys().length; i++) {
            details.put(row.detailKeys()[i], row.detailValues()[i]);
        }
        return new Event(row.type(), Optional.ofNullable(row.actorId()).map(TelegramUserId::new), details,
                row.occurredAt());
    }
}
