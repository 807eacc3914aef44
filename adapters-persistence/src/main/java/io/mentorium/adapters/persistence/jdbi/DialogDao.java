package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@code bot.dialog_messages}: what is not on every answer's path (JdbiDialogRepository has that in plain JDBC). */
interface DialogDao {

    @SqlUpdate("""
            INSERT INTO bot.dialog_messages (parent_id, role, content, token_count, created_at)
            VALUES (:parentId, :role, :content, :tokenCount, :createdAt)
            """)
    void insert(long parentId, String role, String content, int tokenCount, Instant createdAt);

    default void insert(DialogRow m) {
        insert(m.parentId(), m.role(), m.content(), m.tokenCount(), m.createdAt());
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
