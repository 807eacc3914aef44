package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Payments in {@code bot.payments}. The unique key on (provider, provider_tx_id) is what makes a provider transaction
 * belong to one payment: a save that would give it to a second one fails with {@link StorageException} (and, inside a
 * transaction, leaves that transaction to be rolled back).
 */
public final class JdbiPaymentRepository implements PaymentRepository {

    private final Jdbi jdbi;

    public JdbiPaymentRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void save(Payment payment) {
        PaymentRow row = new PaymentRow(payment.id().value(), payment.parentId().value(), payment.plan().name(),
                payment.amount().minor(), payment.amount().currency().name(), payment.provider().name(),
                payment.state().name(), payment.providerTransactionId().orElse(null), payment.createdAt(),
                payment.paidAt().orElse(null), payment.cancelledAt().orElse(null),
                payment.cancelReason().orElse(null));
        int written = Storage.call("save a payment",
                () -> jdbi.withExtension(PaymentDao.class, dao -> dao.upsert(row)));
        if (written != 1) {
            throw new StorageException(StorageException.Category.PERMANENT, "Could not save payment " + payment.id()
                    + ": its id belongs to a payment with another parent, plan, amount, provider or creation time");
        }
    }

    @Override
    public Optional<Payment> findById(PaymentId id) {
        return Storage.call("load a payment",
                () -> jdbi.withExtension(PaymentDao.class, dao -> dao.find(id.value()))).map(JdbiPaymentRepository::toPayment);
    }

    /** The row lock lasts until the caller's transaction ends; outside one it ends with this statement. */
    @Override
    public Optional<Payment> findByIdForUpdate(PaymentId id) {
        return Storage.call("lock a payment", () -> jdbi.withExtension(PaymentDao.class,
                dao -> dao.findForUpdate(id.value()))).map(JdbiPaymentRepository::toPayment);
    }

    @Override
    public Optional<Payment> findByProviderTransaction(PaymentProvider provider, String transactionId) {
        return Storage.call("load a payment by provider transaction", () -> jdbi.withExtension(PaymentDao.class,
                dao -> dao.findByProviderTransaction(provider.name(), transactionId)))
                .map(JdbiPaymentRepository::toPayment);
    }

    private static Payment toPayment(PaymentRow row) {
        try {
            return Payment.restore(new PaymentId(row.id()), new TelegramUserId(row.parentId()), Plan.valueOf(row.plan()),
                    new Money(row.amountMinor(), Currency.valueOf(row.currency())),
                    PaymentProvider.valueOf(row.provider()), row.createdAt(), PaymentState.valueOf(row.state()),
                    Optional.ofNullable(row.providerTxId()), Optional.ofNullable(row.paidAt()),
                    Optional.ofNullable(row.cancelledAt()), Optional.ofNullable(row.cancelReason()));
        } catch (RuntimeException e) {
            throw Storage.corrupt("payment " + row.id(), e);
        }
    }
}
