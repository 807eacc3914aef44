package io.mentorium.application.port.out;

import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import java.util.Optional;

public interface PaymentRepository {

    /** Inserts or updates the payment. A provider transaction id belongs to at most one payment. */
    void save(Payment payment);

    Optional<Payment> findById(PaymentId id);

    Optional<Payment> findByProviderTransaction(PaymentProvider provider, String transactionId);
}
