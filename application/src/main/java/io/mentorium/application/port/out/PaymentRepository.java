package io.mentorium.application.port.out;

import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import java.util.Optional;

public interface PaymentRepository {

    /** Inserts or updates the payment. A provider transaction id belongs to at most one payment. */
    void save(Payment payment);

    Optional<Payment> findById(PaymentId id);

    /**
     * Like {@link #findById}, and holds the payment until the caller's transaction ends, so that concurrent callbacks
     * for one order (a provider repeating itself from two threads) take turns instead of both seeing it unpaid.
     */
    default Optional<Payment> findByIdForUpdate(PaymentId id) {
        return findById(id);
    }

    Optional<Payment> findByProviderTransaction(PaymentProvider provider, String transactionId);
}
