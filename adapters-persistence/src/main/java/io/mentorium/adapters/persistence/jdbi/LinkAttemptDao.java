package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface LinkAttemptDao {

    @SqlUpdate("""
            INSERT INTO bot.link_attempts (parent_id, email_key, outcome, learner_id, attempted_at)
            VALUES (:parentId, :emailKey, :outcome, :learnerId, :attemptedAt)
            """)
    void insert(long parentId, String emailKey, String outcome, String learnerId, Instant attemptedAt);

    @SqlQuery("""
            SELECT attempted_at FROM bot.link_attempts
             WHERE parent_id = :parentId AND outcome = 'REJECTED' AND attempted_at > :since
             ORDER BY attempted_at, id
            """)
    List<Instant> failuresSince(long parentId, Instant since);

    @SqlQuery("""
            SELECT attempted_at FROM bot.link_attempts
             WHERE email_key = :emailKey AND outcome = 'REJECTED' AND attempted_at > :since
             ORDER BY attempted_at, id
            """)
    List<Instant> failuresForEmailSince(String emailKey, Instant since);

    @SqlUpdate("""
            UPDATE bot.link_attempts SET email_key = NULL
             WHERE ctid = ANY(ARRAY(SELECT ctid FROM bot.link_attempts
                                     WHERE email_key IS NOT NULL AND attempted_at < :before LIMIT :limit))
            """)
    int forgetEmailKeysBefore(Instant before, int limit);
}
