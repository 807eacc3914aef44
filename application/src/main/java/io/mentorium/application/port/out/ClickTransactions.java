package io.mentorium.application.port.out;

import io.mentorium.domain.shared.PaymentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Click's Prepare/Complete exchanges, keyed by Click's {@code click_trans_id}. Joins the caller's transaction. */
public interface ClickTransactions {

    Optional<ClickTransaction> find(long clickTransId);

    /** Records a Prepare and answers the {@code merchant_prepare_id} it got (the same one for a repeated Prepare). */
    long prepare(long clickTransId, PaymentId orderId, String amount, Instant at);

    /** Moves a prepared transaction to {@code state}; answers false if it was not in state PREPARED. */
    boolean finish(long clickTransId, State state, Instant at);

    enum State { PREPARED, CONFIRMED, CANCELLED }

    record ClickTransaction(long clickTransId, PaymentId orderId, long prepareId, String amount, State state,
                            Instant preparedAt, Optional<Instant> finishedAt) {

        public ClickTransaction {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(preparedAt, "preparedAt");
            Objects.requireNonNull(finishedAt, "finishedAt");
        }
    }
}
