package io.mentorium.adapters.persistence.jdbi;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(PaymeTransactionRow.class)
interface PaymeTransactionDao {

    String COLUMNS = "payme_id, order_id, payme_time, amount_tiyin, transaction, state, create_time, perform_time, "
            + "cancel_time, reason";

    /**
     * Locks the row until the caller's transaction ends, so two concurrent calls for the same PayMe transaction (its
     * sandbox repeats them, and PayMe retries) are decided one after the other: the second sees what the first stored.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM bot.payme_transactions WHERE payme_id = :paymeId FOR UPDATE")
    Optional<PaymeTransactionRow> findForUpdate(String paymeId);

    @SqlQuery("SELECT " + COLUMNS + " FROM bot.payme_transactions WHERE order_id = :orderId AND state IN (1, 2)")
    Optional<PaymeTransactionRow> findLive(String orderId);

    @SqlUpdate("""
            INSERT INTO bot.payme_transactions (payme_id, order_id, payme_time, amount_tiyin, transaction, state,
                                                create_time, perform_time, cancel_time, reason)
            VALUES (:paymeId, :orderId, :paymeTime, :amountTiyin, :transaction, :state,
                    :createTime, :performTime, :cancelTime, :reason)
            ON CONFLICT (payme_id) DO UPDATE SET
                state = EXCLUDED.state,
                perform_time = EXCLUDED.perform_time,
                cancel_time = EXCLUDED.cancel_time,
                reason = EXCLUDED.reason,
                updated_at = now()
            WHERE payme_transactions.order_id = EXCLUDED.order_id
              AND payme_transactions.payme_time = EXCLUDED.payme_time
              AND payme_transactions.amount_tiyin = EXCLUDED.amount_tiyin
              AND payme_transactions.transaction = EXCLUDED.transaction
              AND payme_transactions.create_time = EXCLUDED.create_time
            """)
    int upsert(String paymeId, String orderId, long paymeTime, long amountTiyin, String transaction, int state,
               long createTime, long performTime, long cancelTime, Integer reason);

    @SqlQuery("SELECT " + COLUMNS + " FROM bot.payme_transactions WHERE payme_time BETWEEN :from AND :to "
            + "ORDER BY payme_time, payme_id")
    List<PaymeTransactionRow> between(long from, long to);
}
