package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code bot.outbox_messages}; states: 0 pending, 1 sent, 2 given up. */
@RegisterConstructorMapper(OutboxRow.class)
interface OutboxDao {

    @SqlQuery("""
            INSERT INTO bot.outbox_messages (chat_id, kind, payload, created_at, not_before, update_id)
            SELECT m.chat_id, m.kind, m.payload, :now, :now, :updateId
              FROM unnest(CAST(:chatIds AS bigint[]), CAST(:kinds AS text[]), CAST(:payloads AS text[]))
                   WITH ORDINALITY AS m(chat_id, kind, payload, position)
             ORDER BY m.position
            RETURNING id
            """)
    long[] insert(long[] chatIds, String[] kinds, String[] payloads, Instant now, Long updateId);

    @SqlQuery("""
            SELECT id, payload, attempts, not_before
              FROM bot.outbox_messages
             WHERE state = 0 AND id > :afterId
             ORDER BY id
             LIMIT :limit
            """)
    List<OutboxRow> pending(long afterId, int limit);

    @SqlQuery("""
            SELECT id, payload, attempts, not_before
              FROM bot.outbox_messages
             WHERE state = 0 AND update_id = :updateId
             ORDER BY id
            """)
    List<OutboxRow> pendingReplies(long updateId);


    @SqlUpdate("UPDATE bot.outbox_messages SET state = 1, handled_at = :at WHERE id = :id")
    int markSent(long id, Instant at);

    @SqlUpdate("""
            UPDATE bot.outbox_messages
               SET state = 0, handled_at = NULL, attempts = :attempts, not_before = :notBefore, last_error = :reason
             WHERE id = :id
            """)
    int recordRetry(long id, int attempts, Instant notBefore, String reason);

    @SqlUpdate("UPDATE bot.outbox_messages SET state = 2, handled_at = :at, last_error = :reason WHERE id = :id")
    int markGivenUp(long id, Instant at, String reason);

    @SqlUpdate("""
            UPDATE bot.outbox_messages SET state = 2, handled_at = :at, last_error = :reason
             WHERE chat_id = :chatId AND state = 0
            """)
    int giveUpChat(long chatId, Instant at, String reason);

    // In chunks, so that a large backlog never holds many row locks or one long statement.
    @SqlUpdate("""
            DELETE FROM bot.outbox_messages
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.outbox_messages
                                      WHERE state <> 0 AND handled_at < :before
                                      LIMIT :limit))
            """)
    int purgeHandledBefore(Instant before, int limit);
}
