package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface NotificationHistoryDao {

    /** 1 when recorded, 0 when the parent has the key already (its first record stays as it was). */
    @SqlUpdate("""
            INSERT INTO bot.notification_history (parent_id, key, kind, learner_id, queued_at)
            VALUES (:parentId, :key, :kind, :learnerId, :queuedAt)
            ON CONFLICT (parent_id, key) DO NOTHING
            """)
    int insertIfAbsent(long parentId, String key, String kind, String learnerId, Instant queuedAt);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM bot.notification_history WHERE parent_id = :parentId AND key = :key)")
    boolean exists(long parentId, String key);

    @SqlUpdate("DELETE FROM bot.notification_history WHERE queued_at < :before")
    int deleteBefore(Instant before);
}
