package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ConversationRow.class)
interface ConversationDao {

    @SqlUpdate("""
            INSERT INTO bot.conversations (chat_id, step, state_values, expires_at, updated_at)
            VALUES (:chatId, :step, :stateValues, :expiresAt, now())
            ON CONFLICT (chat_id) DO UPDATE SET
                step = EXCLUDED.step,
                state_values = EXCLUDED.state_values,
                expires_at = EXCLUDED.expires_at,
                updated_at = EXCLUDED.updated_at
            """)
    void upsert(long chatId, String step, String stateValues, Instant expiresAt);

    @SqlUpdate("DELETE FROM bot.conversations WHERE chat_id = :chatId")
    void delete(long chatId);

    /** At most {@code limit} expired rows; by ctid, because DELETE has no LIMIT of its own. */
    @SqlUpdate("""
            DELETE FROM bot.conversations
             WHERE ctid = ANY(ARRAY(SELECT ctid FROM bot.conversations WHERE expires_at < :now LIMIT :limit))
            """)
    int purgeExpired(Instant now, int limit);
}
