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

    // Two kinds of claimable rows, each read through its own partial index (never the rows others hold): rows whose
    // lease ran out (or this owner's own, on a restart), and rows nobody holds. SKIP LOCKED lets concurrent claims
    // take disjoint rows instead of queueing behind each other. The expired rows' "id + 0" keeps them off the id
    // indexes: once the driver prepares the statement on the server, PostgreSQL may plan it without the parameters'
    // values, and that generic plan walked the pending index in id order past every unclaimed row looking for expired
    // leases — 70 ms a claim behind a 200,000-row report backlog, against 3 ms through the claimed-rows index.
    @SqlQuery("""
            WITH expired AS (
                     SELECT id FROM bot.outbox_messages
                      WHERE state = 0 AND claimed_by IS NOT NULL AND id + 0 > :afterId AND not_before <= :dueBy
                        AND (lease_until < :now OR (:includeOwn AND claimed_by = :owner))
                      ORDER BY id + 0 LIMIT :limit FOR UPDATE SKIP LOCKED),
                 fresh AS (
                     SELECT id FROM bot.outbox_messages
                      WHERE state = 0 AND claimed_by IS NULL AND id > :afterId AND not_before <= :dueBy
                      ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED),
                 picked AS (
                     SELECT id FROM (SELECT id FROM expired UNION ALL SELECT id FROM fresh) AS both_kinds
                      ORDER BY id LIMIT :limit)
            UPDATE bot.outbox_messages AS o SET claimed_by = :owner, lease_until = :leaseUntil
              FROM picked WHERE o.id = picked.id
            RETURNING o.id, o.payload, o.attempts, o.not_before
            """)
    List<OutboxRow> claim(String owner, long afterId, int limit, Instant now, Instant dueBy, Instant leaseUntil,
                          boolean includeOwn);

    // Rows another transaction has locked are skipped, not waited for: they are being marked sent (or failed) by this
    // very process, and the next renewal, well within the lease, takes any that stay pending. Waiting for them while
    // holding the locks of the rows already renewed deadlocked with the sent-mark writer, which locks in another order
    // (PostgreSQL then stalls both for deadlock_timeout before failing one).
    @SqlUpdate("""
            UPDATE bot.outbox_messages AS o SET lease_until = :leaseUntil
              FROM (SELECT id FROM bot.outbox_messages WHERE claimed_by = :owner AND state = 0
                     FOR UPDATE SKIP LOCKED) AS mine
             WHERE o.id = mine.id
            """)
    int renewClaims(String owner, Instant leaseUntil);

    @SqlUpdate("""
            UPDATE bot.outbox_messages SET claimed_by = NULL, lease_until = NULL
             WHERE claimed_by = :owner AND state = 0 AND id = ANY (CAST(:ids AS bigint[]))
            """)
    int releaseClaims(String owner, long[] ids);

    @SqlUpdate("UPDATE bot.outbox_messages SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = :owner AND state = 0")
    int releaseAllClaims(String owner);
}
