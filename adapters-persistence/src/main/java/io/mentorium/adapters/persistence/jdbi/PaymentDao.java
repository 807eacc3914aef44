package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(PaymentRow.class)
interface PaymentDao {

    String COLUMNS = "id, parent_id, plan, amount_minor, currency, provider, state, provider_tx_id, created_at, "
            + "paid_at, cancelled_at, cancel_reason";

    /**
     * Inserts the payment or updates what may change about it. Answers 0 when the id belongs to a payment with other
     * unchangeable facts (parent, plan, amount, provider, creation time): a different payment under a reused id.
     */
    @SqlUpdate("""
            INSERT INTO bot.payments (id, parent_id, plan, amount_minor, currency, provider, state, provider_tx_id,
                                      created_at, paid_at, cancelled_at, cancel_reason)
            VALUES (:id, :parentId, :plan, :amountMinor, :currency, :provider, :state, :providerTxId,
                    :createdAt, :paidAt, :cancelledAt, :cancelReason)
            ON CONFLICT (id) DO UPDATE SET
                state = EXCLUDED.state,
                provider_tx_id = EXCLUDED.provider_tx_id,
                paid_at = EXCLUDED.paid_at,
                cancelled_at = EXCLUDED.cancelled_at,
                cancel_reason = EXCLUDED.cancel_reason,
                updated_at = now()
            WHERE payments.parent_id = EXCLUDED.parent_id
              AND payments.plan = EXCLUDED.plan
              AND payments.amount_minor = EXCLUDED.amount_minor
              AND payments.currency = EXCLUDED.currency
              AND payments.provider = EXCLUDED.provider
              AND payments.created_at = EXCLUDED.created_at
            """)
    int upsert(String id, long parentId, String plan, long amountMinor, String currency, String provider, String state,
               String providerTxId, Instant createdAt, Instant paidAt, Instant cancelledAt, Integer cancelReason);

    default int upsert(PaymentRow p) {
        return upsert(p.id(), p.parentId(), p.plan(), p.amountMinor(), p.currency(), p.provider(), p.state(),
                p.providerTxId(), p.createdAt(), p.paidAt(), p.cancelledAt(), p.cancelReason());
    }

    @SqlQuery("SELECT " + COLUMNS + " FROM bot.payments WHERE id = :id")
    Optional<PaymentRow> find(String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM bot.payments WHERE id = :id FOR UPDATE")
    Optional<PaymentRow> findForUpdate(String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM bot.payments WHERE provider = :provider AND provider_tx_id = :transactionId")
    Optional<PaymentRow> findByProviderTransaction(String provider, String transactionId);
}
