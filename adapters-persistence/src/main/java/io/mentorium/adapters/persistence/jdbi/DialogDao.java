package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.domain.dialog.TokenUsage;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(DialogRow.class)
interface DialogDao {

    @SqlUpdate("""
            INSERT INTO bot.dialog_messages (parent_id, role, content, token_count, created_at)
            VALUES (:parentId, :role, :content, :tokenCount, :createdAt)
            """)
    void insert(long parentId, String role, String content, int tokenCount, Instant createdAt);

    default void insert(DialogRow m) {
        insert(m.parentId(), m.role(), m.content(), m.tokenCount(), m.createdAt());
    }

    /** The last {@code limit} messages, oldest first: a backward scan of (parent_id, id), then turned around. */
    @SqlQuery("""
            SELECT parent_id, role, content, token_count, created_at
              FROM (SELECT id, parent_id, role, content, token_count, created_at
                      FROM bot.dialog_messages
                     WHERE parent_id = :parentId
                     ORDER BY id DESC
                     LIMIT :limit) latest
             ORDER BY id
            """)
    List<DialogRow> recent(long parentId, int limit);

    /**
     * A question and its answer in one statement, so they are stored together even outside a transaction. The rows of
     * a {@code VALUES} list are inserted in the order written, so the question gets the lower id; the answer's row
     * carries what it cost. Bound value by value: Jdbi's {@code @BindMethods} only sees methods of public types.
     */
    @SqlUpdate("""
            INSERT INTO bot.dialog_messages (parent_id, role, content, token_count, created_at,
                                             prompt_tokens_counted, prompt_tokens_reported,
                                             completion_tokens_counted, completion_tokens_reported)
            VALUES (:questionParentId, :questionRole, :questionContent, :questionTokens, :questionAt,
                    NULL, NULL, NULL, NULL),
                   (:answerParentId, :answerRole, :answerContent, :answerTokens, :answerAt,
                    :promptCounted, :promptReported, :completionCounted, :completionReported)
            """)
    void insertExchange(long questionParentId, String questionRole, String questionContent, int questionTokens,
                        Instant questionAt, long answerParentId, String answerRole, String answerContent,
                        int answerTokens, Instant answerAt, int promptCounted, int promptReported,
                        int completionCounted, int completionReported);

    default void insertExchange(DialogRow q, DialogRow a, TokenUsage usage) {
        insertExchange(q.parentId(), q.role(), q.content(), q.tokenCount(), q.createdAt(), a.parentId(), a.role(),
                a.content(), a.tokenCount(), a.createdAt(), usage.promptCounted(), usage.promptReported(),
                usage.completionCounted(), usage.completionReported());
    }

    @SqlUpdate("DELETE FROM bot.dialog_messages WHERE parent_id = :parentId")
    int clear(long parentId);

    /** At most {@code limit} messages older than {@code before}; by ctid, because DELETE has no LIMIT of its own. */
    @SqlUpdate("""
            DELETE FROM bot.dialog_messages
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.dialog_messages WHERE created_at < :before LIMIT :limit))
            """)
    int purgeBefore(Instant before, int limit);
}
