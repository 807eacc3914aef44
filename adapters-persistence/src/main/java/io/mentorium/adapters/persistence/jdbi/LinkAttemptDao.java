package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface LinkAttemptDao {

    @SqlUpdate("""
            INSERT INTO bot.link_attempts (parent_id, outcome, learner_id, attempted_at)
            VALUES (:parentId, :outcome, :learnerId, :attemptedAt)
            """)
    void insert(long parentId, String outcome, String learnerId, Instant attemptedAt);

    @SqlQuery("""
            SELECT attempted_at FROM bot.link_attempts
             WHERE parent_id = :parentId AND outcome = 'REJECTED' AND attempted_at > :since
             ORDER BY attempted_at, id
            """)
    List<Instant> failuresSince(long parentId, Instant since);
}
