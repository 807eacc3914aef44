package io.mentorium.adapters.persistence.jdbi;

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

    @SqlUpdate("DELETE FROM bot.dialog_messages WHERE parent_id = :parentId")
    int clear(long parentId);
}
