package io.mentorium.application.port.out;

import io.mentorium.domain.shared.PaymentId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PayMe's transactions as the Merchant API defines them, stored so that a repeated call is answered from what was
 * stored, never from the clock. Joins the caller's transaction.
 */
public interface PaymeTransactions {

    Optional<PaymeTransaction> find(String paymeId);

    /** The order's transaction that is created or performed (state 1 or 2), if any. */
    Optional<PaymeTransaction> findLiveForOrder(PaymentId orderId);

    /** Inserts or updates by PayMe's id. */
    void save(PaymeTransaction transaction);

    /** Transactions whose PayMe time lies in [{@code from}, {@code to}] (ms since the epoch), ascending by that time. */
    List<PaymeTransaction> createdBetween(long from, long to);

    /**
     * One PayMe transaction. Times are milliseconds since the epoch, 0 when not reached; {@code state} is PayMe's
     * (1 created, 2 performed, -1 cancelled before perform, -2 cancelled after perform).
     *
     * @param paymeTime   PayMe's own {@code time} from CreateTransaction (the 12-hour timeout counts from it)
     * @param transaction our id of it, as answered in {@code transaction}
     */
    record PaymeTransaction(String paymeId, PaymentId orderId, long paymeTime, long amountTiyin, String transaction,
                            int state, long createTime, long performTime, long cancelTime, Optional<Integer> reason) {

        public PaymeTransaction {
            Objects.requireNonNull(paymeId, "paymeId");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
