package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code bot.inbox_updates}; states: 0 pending, 1 done, 2 failed. */
@RegisterConstructorMapper(InboxRow.class)
interface InboxDao {

    // A whole batch in one statement: the columns travel as three arrays, unnest turns them back into rows.
    @SqlQuery("""
            INSERT INTO bot.inbox_updates (update_id, chat_id, payload, received_at)
            SELECT u.update_id, u.chat_id, CAST(u.payload AS jsonb), :receivedAt
              FROM unnest(CAST(:updateIds AS bigint[]), CAST(:chatIds AS bigint[]), CAST(:payloads AS text[]))
                   AS u(update_id, chat_id, payload)
             ORDER BY u.update_id
            ON CONFLICT (update_id) DO NOTHING
            RETURNING update_id
            """)
    long[] insertNew(long[] updateIds, long[] chatIds, String[] payloads, Instant receivedAt);

    @SqlQuery("""
            SELECT update_id, CAST(payload AS text) AS payload
              FROM bot.inbox_updates
             WHERE state = 0 AND update_id > :afterUpdateId
             ORDER BY update_id
             LIMIT :limit
            """)
    List<InboxRow> pending(long afterUpdateId, int limit);

    @SqlUpdate("UPDATE bot.inbox_updates SET state = :state, handled_at = :at, error = :error WHERE update_id = :updateId")
    int mark(long updateId, short state, Instant at, String error);

    @SqlUpdate("DELETE FROM bot.inbox_updates WHERE state <> 0 AND handled_at < :before")
    int purgeHandledBefore(Instant before);
}
