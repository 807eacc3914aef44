package io.mentorium.adapters.payments.click;

import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A faithful stand-in for the billing service behind {@link SettlePayment}, over the application's in-memory
 * payment and subscription repositories, for the Click adapter's tests only (the real service is built elsewhere; the
 * PayMe tests have their own). It refuses to be called outside a transaction, so the tests also prove the adapter
 * joins one, and it counts settlements actually applied.
 */
final class ClickTestSettlePayment implements SettlePayment {

    private static final SubscriptionTerms TERMS = SubscriptionTerms.ofGraceDays(3, ZoneOffset.UTC);

    private final PaymentRepository payments;
    private final SubscriptionRepository subscriptions;
    private final BooleanSupplier inTransaction;
    private final AtomicInteger applied = new AtomicInteger();
    private volatile Runnable beforeCheck = () -> { };
    private volatile Runnable beforeSettle = () -> { };

    ClickTestSettlePayment(PaymentRepository payments, SubscriptionRepository subscriptions,
                           BooleanSupplier inTransaction) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.inTransaction = Objects.requireNonNull(inTransaction, "inTransaction");
    }

    /** Runs on the calling thread before every check, outside any lock: lets a test line threads up. */
    void beforeCheck(Runnable hook) {
        this.beforeCheck = hook;
    }

    /** Runs before every settlement, outside any lock: lets a test change the order between check and settle. */
    void beforeSettle(Runnable hook) {
        this.beforeSettle = hook;
    }

    int settlementsApplied() {
        return applied.get();
    }

    @Override
    public Payability check(PaymentId orderId, Money amount) {
        requireTransaction();
        beforeCheck.run();
        synchronized (this) {
            return payability(orderId, amount);
        }
    }

    @Override
    public Settlement settle(PaymentId orderId, String providerTransactionId, Instant paidAt) {
        requireTransaction();
        beforeSettle.run();
        synchronized (this) {
            Optional<Payment> found = payments.findById(orderId);
            if (found.isEmpty()) {
                return new Settlement.Refused(new Payability.UnknownOrder());
            }
            Payment order = found.get();
            if (order.state() == PaymentState.PAID
                    && order.providerTransactionId().equals(Optional.of(providerTransactionId))) {
                return new Settlement.AlreadyApplied(order);
            }
            Payability payability = payability(orderId, order.amount());
            if (!(payability instanceof Payability.Payable)) {
                return new Settlement.Refused(payability);
            }
            order.attachProviderTransaction(providerTransactionId);
            order.markPaid(paidAt);
            payments.save(order);
            Subscription subscription = subscriptions.findFor(order.parentId());
            subscription.grant(order.grant());
            subscriptions.save(subscription);
            applied.incrementAndGet();
            return new Settlement.Applied(order, subscription.paidUntil(TERMS).orElseThrow());
        }
    }

    @Override
    public synchronized Cancellation cancel(PaymentId orderId, Instant at, int reason) {
        requireTransaction();
        Optional<Payment> found = payments.findById(orderId);
        if (found.isEmpty()) {
            return new Cancellation.UnknownOrder();
        }
        Payment order = found.get();
        boolean wasPaid = order.state() == PaymentState.PAID;
        if (!order.cancel(at, reason)) {
            return new Cancellation.AlreadyCancelled(order);
        }
        payments.save(order);
        if (wasPaid) {
            Subscription subscription = subscriptions.findFor(order.parentId());
            subscription.revoke(orderId);
            subscriptions.save(subscription);
            return new Cancellation.Refunded(order);
        }
        return new Cancellation.CancelledUnpaid(order);
    }

    /** The order's state first, then the amount: what the billing service is expected to do. */
    private Payability payability(PaymentId orderId, Money amount) {
        Optional<Payment> found = payments.findById(orderId);
        if (found.isEmpty()) {
            return new Payability.UnknownOrder();
        }
        Payment order = found.get();
        return switch (order.state()) {
            case PAID -> new Payability.AlreadyPaid(order);
            case CANCELLED, REFUNDED -> new Payability.Cancelled(order);
            case CREATED -> order.amount().equals(amount) ? new Payability.Payable(order)
                    : new Payability.WrongAmount(order.amount());
        };
    }

    private void requireTransaction() {
        if (!inTransaction.getAsBoolean()) {
            throw new IllegalStateException("SettlePayment called outside a transaction");
        }
    }
}
