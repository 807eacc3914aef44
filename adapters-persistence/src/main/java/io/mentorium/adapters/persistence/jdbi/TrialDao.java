package io.mentorium.adapters.persistence.jdbi;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(TrialRow.class)
interface TrialDao {

    @SqlQuery("SELECT parent_id, starts_at, ends_at FROM bot.trials WHERE parent_id = ANY(:parentIds)")
    List<TrialRow> findAll(long[] parentIds);

    /** 1 when the learner joined the family of the parent's decided trial, 0 otherwise. */
    @SqlUpdate("""
            INSERT INTO bot.trial_learners (learner_id, parent_id)
            SELECT :learnerId, t.parent_id FROM bot.trials t WHERE t.parent_id = :parentId
            ON CONFLICT (learner_id) DO NOTHING
            """)
    int adopt(String learnerId, long parentId);
}
