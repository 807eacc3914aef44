package io.mentorium.application.testing;

import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryPaymentRepository implements PaymentRepository {

    private final Map<PaymentId, Payment> payments = new ConcurrentHashMap<>();

    @Override
    public synchronized void save(Payment payment) {
        if (payment.providerTransactionId().isPresent()) {
            Optional<Payment> owner = findByProviderTransaction(payment.provider(), payment.providerTransactionId().get());
            if (owner.isPresent() && !owner.get().id().equals(payment.id())) {
                throw new StorageException("provider transaction already belongs to payment " + owner.get().id());
            }
        }
        payments.put(payment.id(), copy(payment));
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        return Optional.ofNullable(payments.get(id)).map(InMemoryPaymentRepository::copy);
    }

    @Override
    public Optional<Payment> findByProviderTransaction(PaymentProvider provider, String transactionId) {
        return payments.values().stream()
                .filter(payment -> payment.provider() == provider)
                .filter(payment -> payment.providerTransactionId().equals(Optional.of(transactionId)))
                .findFirst()
                .map(InMemoryPaymentRepository::copy);
    }

    private static Payment copy(Payment p) {
        return Payment.restore(p.id(), p.parentId(), p.plan(), p.amount(), p.provider(), p.createdAt(), p.state(),
                p.providerTransactionId(), p.paidAt(), p.cancelledAt(), p.cancelReason());
    }
}
