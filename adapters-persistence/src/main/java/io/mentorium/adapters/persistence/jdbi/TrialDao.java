package io.mentorium.adapters.persistence.jdbi;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface TrialDao {

    /** 1 when the learner joined the family of the parent's decided trial, 0 otherwise. */
    @SqlUpdate("""
            INSERT INTO bot.trial_learners (learner_id, parent_id)
            SELECT :learnerId, t.parent_id FROM bot.trials t WHERE t.parent_id = :parentId
            ON CONFLICT (learner_id) DO NOTHING
            """)
    int adopt(String learnerId, long parentId);
}
