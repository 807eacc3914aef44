package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TrialRow.class)
interface TrialDao {

    @SqlQuery("SELECT parent_id, starts_at, ends_at FROM bot.trials WHERE parent_id = :parentId")
    Optional<TrialRow> find(long parentId);

    @SqlQuery("SELECT parent_id, starts_at, ends_at FROM bot.trials WHERE parent_id = ANY(:parentIds)")
    List<TrialRow> findAll(long[] parentIds);

    /** 0 when the parent's trial was decided already (by a concurrent claim, which this waits for). */
    @SqlUpdate("""
            INSERT INTO bot.trials (parent_id, starts_at, ends_at) VALUES (:parentId, :startsAt, :endsAt)
            ON CONFLICT (parent_id) DO NOTHING
            """)
    int insert(long parentId, Instant startsAt, Instant endsAt);

    /** One count per learner: 1 claimed for this family now, 0 claimed by a family before. */
    @SqlBatch("""
            INSERT INTO bot.trial_learners (learner_id, parent_id) VALUES (:learnerId, :parentId)
            ON CONFLICT (learner_id) DO NOTHING
            """)
    int[] claimLearners(List<String> learnerId, long parentId);

    @SqlUpdate("UPDATE bot.trials SET ends_at = starts_at WHERE parent_id = :parentId")
    void refuse(long parentId);

    /** 1 when the learner joined the family of the parent's decided trial, 0 otherwise. */
    @SqlUpdate("""
            INSERT INTO bot.trial_learners (learner_id, parent_id)
            SELECT :learnerId, t.parent_id FROM bot.trials t WHERE t.parent_id = :parentId
            ON CONFLICT (learner_id) DO NOTHING
            """)
    int adopt(String learnerId, long parentId);
}
