package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code bot.inbox_updates} and {@code bot.dead_letters}; inbox states: 0 pending, 1 done, 2 failed. */
@RegisterConstructorMapper(InboxRow.class)
interface InboxDao {

    /** What storing a batch found for one update: stored now, or stored before and still pending. */
    record StoredRow(long updateId, boolean fresh) {
    }

    @SqlQuery("""
            SELECT update_id, chat_id, payload
              FROM bot.inbox_updates
             WHERE state = 0 AND update_id > :afterUpdateId
             ORDER BY update_id
             LIMIT :limit
            """)
    List<InboxRow> pending(long afterUpdateId, int limit);

    // One statement: the dead letter (kept if one exists) and, when the update was stored, its row marked failed.
    @SqlQuery("""
            WITH letter AS (
                INSERT INTO bot.dead_letters (update_id, chat_id, stage, reason, quarantined_at)
                VALUES (:updateId, :chatId, :stage, :reason, :at)
                ON CONFLICT (update_id) DO NOTHING
            ), failed AS (
                UPDATE bot.inbox_updates SET state = 2, handled_at = :at, error = :reason
                 WHERE update_id = :updateId AND state = 0
                RETURNING update_id
            )
            SELECT (SELECT count(*) FROM failed) > 0
                   OR NOT EXISTS (SELECT 1 FROM bot.inbox_updates WHERE update_id = :updateId)
            """)
    boolean quarantine(long updateId, long chatId, String stage, String reason, Instant at);

    // In chunks, so that a large backlog never holds many row locks or one long statement.
    @SqlUpdate("""
            UPDATE bot.inbox_updates SET payload = NULL
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.inbox_updates
                                      WHERE state <> 0 AND payload IS NOT NULL AND handled_at < :before
                                      LIMIT :limit))
            """)
    int scrubHandledBefore(Instant before, int limit);

    @SqlUpdate("""
            DELETE FROM bot.inbox_updates
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.inbox_updates
                                      WHERE state <> 0 AND handled_at < :before
                                      LIMIT :limit))
            """)
    int deleteHandledBefore(Instant before, int limit);
}
