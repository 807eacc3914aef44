package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.PersonalData;
import io.mentorium.domain.shared.TelegramUserId;
import java.sql.ResultSetMetaData;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A parent's rows across the bot's tables, read for "My data" and erased for "Forget me". Each is a short list of
 * set-based statements keyed by the parent's id (or chat); the list is the place to add a table that starts holding
 * personal data.
 */
public final class JdbiPersonalData implements PersonalData {

    /** Sheet name and statement; {@code :id} is the parent's Telegram id. */
    private static final Map<String, String> SECTIONS = sections();

    private final Jdbi jdbi;

    public JdbiPersonalData(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    private static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("profile", """
                SELECT telegram_user_id, chat_id, language, role, array_to_string(enabled_notifications, ', ')
                       AS notifications, array_to_string(report_kinds, ', ') AS reports, quiet_start::text AS quiet_start,
                       quiet_end::text AS quiet_end, blocked_at, registered_at
                  FROM bot.parents WHERE telegram_user_id = :id""");
        sections.put("children", """
                SELECT learner_id, via_email, linked_at FROM bot.parent_learners WHERE parent_id = :id
                 ORDER BY link_order""");
        sections.put("subscription", """
                SELECT payment_id, plan, paid_at FROM bot.subscription_grants WHERE parent_id = :id ORDER BY paid_at""");
        sections.put("trial", "SELECT starts_at, ends_at FROM bot.trials WHERE parent_id = :id");
        sections.put("payments", """
                SELECT id, plan, CASE currency WHEN 'UZS' THEN round(amount_minor / 100.0, 2)
                       ELSE amount_minor::numeric END AS amount, currency, provider, state, created_at, paid_at,
                       cancelled_at
                  FROM bot.payments WHERE parent_id = :id ORDER BY created_at""");
        sections.put("dialog", """
                SELECT created_at, role, content FROM bot.dialog_messages WHERE parent_id = :id ORDER BY id""");
        sections.put("questions", """
                SELECT asked_at, text, closing, closed_at FROM bot.assistant_questions WHERE parent_id = :id
                 ORDER BY id""");
        sections.put("link attempts", """
                SELECT attempted_at, outcome, learner_id FROM bot.link_attempts WHERE parent_id = :id ORDER BY id""");
        sections.put("reports sent", """
                SELECT sent_at, learner_id, kind, period_start::text AS period_start, period_end::text AS period_end
                  FROM bot.report_history WHERE parent_id = :id ORDER BY sent_at""");
        sections.put("notifications sent", """
                SELECT queued_at, kind, learner_id FROM bot.notification_history WHERE parent_id = :id
                 ORDER BY queued_at""");
        sections.put("events", """
                SELECT occurred_at, type, details::text AS details FROM bot.event_log WHERE actor_id = :id
                 ORDER BY id""");
        return sections;
    }

    @Override
    public List<Section> collect(TelegramUserId parent) {
        return Storage.call("collect a parent's data", () -> jdbi.withHandle(handle -> {
            List<Section> sections = new ArrayList<>();
            SECTIONS.forEach((name, sql) -> sections.add(section(handle, name, sql, parent.value())));
            return sections;
        }));
    }

    private static Section section(Handle handle, String name, String sql, long id) {
        List<String> header = new ArrayList<>();
        List<List<Object>> rows = handle.createQuery(sql).bind("id", id).map((rs, ctx) -> {
            ResultSetMetaData meta = rs.getMetaData();
            List<Object> row = new ArrayList<>();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                Object value = rs.getObject(column);
                row.add(value instanceof Timestamp ? rs.getObject(column, OffsetDateTime.class).toInstant() : value);
            }
            return row;
        }).list();
        // The header even when there are no rows: the statement's columns as PostgreSQL describes them.
        handle.createQuery(sql + " LIMIT 0").bind("id", id).scanResultSet((supplier, ctx) -> {
            ResultSetMetaData meta = supplier.get().getMetaData();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                header.add(meta.getColumnLabel(column));
            }
            return null;
        });
        return new Section(name, header, rows);
    }

    @Override
    public Map<String, Integer> erase(TelegramUserId parent, long pseudonym, Instant at) {
        long id = parent.value();
        return Storage.call("erase a parent's data", () -> jdbi.inTransaction(handle -> {
            Map<String, Integer> erased = new LinkedHashMap<>();
            Long chat = handle.createQuery("SELECT chat_id FROM bot.parents WHERE telegram_user_id = :id")
                    .bind("id", id).mapTo(Long.class).findOne().orElse(id);
            // Accounting keeps the payments; the payer becomes the pseudonym, which points at nobody.
            erased.put("payments", handle.createUpdate("UPDATE bot.payments SET parent_id = :p WHERE parent_id = :id")
                    .bind("id", id).bind("p", pseudonym).execute());
            erased.put("subscription_grants", delete(handle, "bot.subscription_grants", "parent_id", id));
            erased.put("trials", delete(handle, "bot.trials", "parent_id", id));
            erased.put("dialog_messages", delete(handle, "bot.dialog_messages", "parent_id", id));
            erased.put("assistant_questions", delete(handle, "bot.assistant_questions", "parent_id", id));
            erased.put("link_attempts", delete(handle, "bot.link_attempts", "parent_id", id));
            erased.put("report_history", delete(handle, "bot.report_history", "parent_id", id));
            erased.put("notification_history", delete(handle, "bot.notification_history", "parent_id", id));
            erased.put("broadcast_recipients", delete(handle, "bot.broadcast_recipients", "parent_id", id));
            erased.put("staff_roles", delete(handle, "bot.staff_roles", "telegram_user_id", id));
            erased.put("conversations", delete(handle, "bot.conversations", "chat_id", chat));
            // What was sent to them (texts): the pending ones go out as usual and are purged with the rest.
            erased.put("outbox_messages", handle.createUpdate(
                    "DELETE FROM bot.outbox_messages WHERE chat_id = :id AND state <> 0").bind("id", chat).execute());
            // As actor, and as the parent an operator's support answer went to (the only event naming a parent in
            // its details by Telegram id).
            erased.put("event_log", handle.createUpdate(
                    "UPDATE bot.event_log SET actor_id = NULL WHERE actor_id = :id").bind("id", id).execute()
                    + handle.createUpdate("""
                            UPDATE bot.event_log SET details = details - 'parent'
                             WHERE type = 'support.answered' AND details ->> 'parent' = :id""")
                    .bind("id", Long.toString(id)).execute());
            erased.put("parents", delete(handle, "bot.parents", "telegram_user_id", id));
            return erased;
        }));
    }

    private static int delete(Handle handle, String table, String column, long value) {
        return handle.createUpdate("DELETE FROM " + table + " WHERE " + column + " = :id").bind("id", value).execute();
    }
}
