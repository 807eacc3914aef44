package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(GrantRow.class)
interface SubscriptionDao {

    @SqlQuery("""
            SELECT payment_id, parent_id, plan, paid_at FROM bot.subscription_grants
             WHERE parent_id = :parentId ORDER BY paid_at, payment_id
            """)
    List<GrantRow> grants(long parentId);

    /**
     * A transaction-scoped advisory lock per parent (hashed into the two-key space, a collision only serializes two
     * parents' settlements): there may be no grant row yet to lock.
     */
    @SqlQuery("SELECT pg_advisory_xact_lock(hashtext('bot.subscription_grants'), hashint8(:parentId)) IS NULL")
    boolean lockParent(long parentId);

    @SqlUpdate("DELETE FROM bot.subscription_grants WHERE parent_id = :parentId")
    void deleteGrants(long parentId);

    @SqlBatch("""
            INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at)
            VALUES (:paymentId, :parentId, :plan, :paidAt)
            """)
    void insertGrants(long parentId, List<String> paymentId, List<String> plan, List<Instant> paidAt);

    default void insertGrants(long parentId, List<GrantRow> grants) {
        insertGrants(parentId, grants.stream().map(GrantRow::paymentId).toList(),
                grants.stream().map(GrantRow::plan).toList(), grants.stream().map(GrantRow::paidAt).toList());
    }
}
