package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The details map travels as two text arrays and PostgreSQL builds and takes apart the JSON: no JSON library here. */
@RegisterConstructorMapper(EventRow.class)
interface EventLogDao {

    @SqlUpdate("""
            INSERT INTO bot.event_log (type, actor_id, details, occurred_at)
            VALUES (:type, :actorId, jsonb_object(CAST(:detailKeys AS text[]), CAST(:detailValues AS text[])),
                    :occurredAt)
            """)
    void insert(String type, Long actorId, String[] detailKeys, String[] detailValues, Instant occurredAt);

    default void insert(EventRow e) {
        insert(e.type(), e.actorId(), e.detailKeys(), e.detailValues(), e.occurredAt());
    }

    @SqlQuery("""
            SELECT type, actor_id,
                   ARRAY(SELECT d.key FROM jsonb_each_text(details) d ORDER BY d.key) AS detail_keys,
                   ARRAY(SELECT d.value FROM jsonb_each_text(details) d ORDER BY d.key) AS detail_values,
                   occurred_at
              FROM bot.event_log
             ORDER BY occurred_at DESC, id DESC
             LIMIT :limit
            """)
    List<EventRow> recent(int limit);
}
