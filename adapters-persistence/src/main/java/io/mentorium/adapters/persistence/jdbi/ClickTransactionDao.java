package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ClickTransactionRow.class)
interface ClickTransactionDao {

    @SqlQuery("""
            SELECT click_trans_id, order_id, prepare_id, amount, state, prepared_at, finished_at
            FROM bot.click_transactions WHERE click_trans_id = :clickTransId
            """)
    Optional<ClickTransactionRow> find(long clickTransId);

    /**
     * Inserts a PREPARED row unless the id is known. A concurrent Prepare of the same id waits for the first one's
     * transaction and then inserts nothing, so the follow-up {@link #prepareIdOf} finds the one committed row.
     */
    @SqlUpdate("""
            INSERT INTO bot.click_transactions (click_trans_id, order_id, amount, state, prepared_at)
            VALUES (:clickTransId, :orderId, :amount, 'PREPARED', :at)
            ON CONFLICT (click_trans_id) DO NOTHING
            """)
    int insertPrepared(long clickTransId, String orderId, String amount, Instant at);

    @SqlQuery("SELECT prepare_id FROM bot.click_transactions WHERE click_trans_id = :clickTransId AND order_id = :orderId")
    Optional<Long> prepareIdOf(long clickTransId, String orderId);

    /**
     * Moves a PREPARED row on. The row lock makes a concurrent finish wait and then, as the row is no longer
     * PREPARED when it re-reads it, update nothing.
     */
    @SqlUpdate("""
            UPDATE bot.click_transactions SET state = :state, finished_at = :at
            WHERE click_trans_id = :clickTransId AND state = 'PREPARED'
            """)
    int finish(long clickTransId, String state, Instant at);
}
