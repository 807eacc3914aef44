package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.EventLog;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Business events in {@code bot.event_log}, details as a JSON object of strings. */
public final class JdbiEventLog implements EventLog {

    private final Jdbi jdbi;

    public JdbiEventLog(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
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
        Storage.run("record an event", () -> jdbi.useExtension(EventLogDao.class, dao -> dao.insert(row)));
    }

    @Override
    public List<Event> recent(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<EventRow> rows = Storage.call("load recent events",
                () -> jdbi.withExtension(EventLogDao.class, dao -> dao.recent(limit)));
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
