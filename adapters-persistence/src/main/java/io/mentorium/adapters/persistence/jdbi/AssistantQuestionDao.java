package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code bot.assistant_questions}; a question is open while {@code closed_at} is null. */
@RegisterConstructorMapper(QuestionRow.class)
interface AssistantQuestionDao {

    @SqlQuery("""
            INSERT INTO bot.assistant_questions (parent_id, chat_id, text, update_id, asked_at)
            VALUES (:parentId, :chatId, :text, :updateId, :askedAt)
            RETURNING id
            """)
    long insert(long parentId, long chatId, String text, Long updateId, Instant askedAt);

    @SqlQuery("""
            SELECT id, parent_id, chat_id, text, attempts, asked_at
              FROM bot.assistant_questions
             WHERE id = :id AND closed_at IS NULL
            """)
    Optional<QuestionRow> findOpen(long id);

    @SqlQuery("""
            SELECT id, parent_id, chat_id, text, attempts, asked_at
              FROM bot.assistant_questions
             WHERE closed_at IS NULL AND id > :afterId
             ORDER BY id
             LIMIT :limit
            """)
    List<QuestionRow> open(long afterId, int limit);

    /**
     * For the rest of the caller's transaction only: its commit returns once PostgreSQL holds it in memory, without
     * waiting for the disk (outside a transaction PostgreSQL ignores it with a warning).
     */
    @SqlUpdate("SET LOCAL synchronous_commit TO OFF")
    void commitWithoutWaitingForDisk();

    /** One statement, so two attempts counted at once both count: the row lock orders them. */
    @SqlQuery("""
            UPDATE bot.assistant_questions SET attempts = attempts + 1, last_attempt_at = :at
             WHERE id = :id
            RETURNING attempts
            """)
    Optional<Integer> recordAttempt(long id, Instant at);

    /**
     * Changes one row the first time only. A second closer running at the same moment waits on the first one's row
     * lock and then, at READ COMMITTED, re-checks {@code closed_at IS NULL} on the committed row, and changes nothing.
     */
    @SqlUpdate("""
            UPDATE bot.assistant_questions SET closed_at = :at, closing = :closing
             WHERE id = :id AND closed_at IS NULL
            """)
    int close(long id, String closing, Instant at);

    @SqlQuery("""
            SELECT count(*) FROM bot.assistant_questions
             WHERE parent_id = :parentId AND asked_at >= :since
            """)
    int countAskedSince(long parentId, Instant since);

    /** At most {@code limit} closed questions; by ctid, because DELETE has no LIMIT of its own. */
    @SqlUpdate("""
            DELETE FROM bot.assistant_questions
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.assistant_questions
                                      WHERE closed_at IS NOT NULL AND asked_at < :before
                                      LIMIT :limit))
            """)
    int purgeClosedBefore(Instant before, int limit);
}
