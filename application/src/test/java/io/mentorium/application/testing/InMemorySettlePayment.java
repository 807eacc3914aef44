package io.mentorium.application.testing;

import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, faithful {@link SettlePayment} over the payment and subscription repositories, for adapter tests that need
 * the port's semantics without the real service (no event log, no receipt): idempotent per provider transaction, and
 * every call in one transaction that joins the caller's. Hooks let a test line threads up or change an order between
 * the check and the settlement, and {@link #requireOpenTransaction} proves an adapter calls it inside its own
 * transaction.
 */
public final class InMemorySettlePayment implements SettlePayment {

    private final PaymentRepository payments;
    private final SubscriptionRepository subscriptions;
    private final TransactionRunner transactions;
    private final SubscriptionTerms terms = SubscriptionTerms.ofGraceDays(3, ZoneOffset.UTC);
    private final AtomicInteger applied = new AtomicInteger();
    private final AtomicInteger refunded = new AtomicInteger();
    private volatile BooleanSupplier inTransaction = () -> true;
    private volatile Runnable beforeCheck = () -> { };
    private volatile Runnable beforeSettle = () -> { };

    public InMemorySettlePayment(PaymentRepository payments, SubscriptionRepository subscriptions,
                                 TransactionRunner transactions) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    /** From now on every call outside a transaction (as {@code open} tells) fails instead of starting one. */
    public InMemorySettlePayment requireOpenTransaction(BooleanSupplier open) {
        this.inTransaction = Objects.requireNonNull(open, "open");
        return this;
    }

    /** Runs on the calling thread before every check, outside any lock. */
    public void beforeCheck(Runnable hook) {
        this.beforeCheck = Objects.requireNonNull(hook, "hook");
    }

    /** Runs on the calling thread before every settlement, outside any lock. */
    public void beforeSettle(Runnable hook) {
        this.beforeSettle = Objects.requireNonNull(hook, "hook");
    }

    @Override
    public Payability check(PaymentId orderId, Money amount) {
        requireTransaction();
        beforeCheck.run();
        return transactions.inTransaction(() -> {
            synchronized (this) {
                return payability(payments.findById(orderId), amount);
            }
        });
    }

    @Override
    public Settlement settle(PaymentId orderId, String providerTransactionId, Instant paidAt) {
        requireTransaction();
        beforeSettle.run();
        return transactions.inTransaction(() -> settleLocked(orderId, providerTransactionId, paidAt));
    }

    private synchronized Settlement settleLocked(PaymentId orderId, String providerTransactionId, Instant paidAt) {
        Optional<Payment> found = payments.findById(orderId);
        if (found.isEmpty()) {
            return new Settlement.Refused(new Payability.UnknownOrder());
        }
        Payment order = found.get();
        switch (order.state()) {
            case PAID -> {
                return order.providerTransactionId().equals(Optional.of(providerTransactionId))
                        ? new Settlement.AlreadyApplied(order)
                        : new Settlement.Refused(new Payability.AlreadyPaid(order));
            }
            case CANCELLED, REFUNDED -> {
                return new Settlement.Refused(new Payability.Cancelled(order));
            }
            case CREATED -> {
                order.attachProviderTransaction(providerTransactionId);
                order.markPaid(paidAt);
                payments.save(order);
                Subscription subscription = subscriptions.findFor(order.parentId());
                subscription.grant(order.grant());
                subscriptions.save(subscription);
                applied.incrementAndGet();
                return new Settlement.Applied(order, subscription.paidUntil(terms).orElseThrow());
            }
            default -> throw new IllegalStateException("unknown state " + order.state());
        }
    }

    @Override
    public Cancellation cancel(PaymentId orderId, Instant at, int reason) {
        requireTransaction();
        return transactions.inTransaction(() -> cancelLocked(orderId, at, reason));
    }

    private synchronized Cancellation cancelLocked(PaymentId orderId, Instant at, int reason) {
        Optional<Payment> found = payments.findById(orderId);
        if (found.isEmpty()) {
            return new Cancellation.UnknownOrder();
        }
        Payment order = found.get();
        switch (order.state()) {
            case CANCELLED, REFUNDED -> {
                return new Cancellation.AlreadyCancelled(order);
            }
            case CREATED -> {
                order.cancel(at, reason);
                payments.save(order);
                return new Cancellation.CancelledUnpaid(order);
            }
            case PAID -> {
                order.cancel(at, reason);
                payments.save(order);
                Subscription subscription = subscriptions.findFor(order.parentId());
                subscription.revoke(orderId);
                subscriptions.save(subscription);
                refunded.incrementAndGet();
                return new Cancellation.Refunded(order);
            }
            default -> throw new IllegalStateException("unknown state " + order.state());
        }
    }

    /** How many payments were applied (not counting repeats). */
    public int appliedCount() {
        return applied.get();
    }

    /** How many paid payments were refunded. */
    public int refundedCount() {
        return refunded.get();
    }

    private void requireTransaction() {
        if (!inTransaction.getAsBoolean()) {
            throw new IllegalStateException("SettlePayment called outside a transaction");
        }
    }

    private static Payability payability(Optional<Payment> found, Money amount) {
        if (found.isEmpty()) {
            return new Payability.UnknownOrder();
        }
        Payment order = found.get();
        return switch (order.state()) {
            case PAID -> new Payability.AlreadyPaid(order);
            case CANCELLED, REFUNDED -> new Payability.Cancelled(order);
            case CREATED -> order.amount().equals(amount)
                    ? new Payability.Payable(order)
                    : new Payability.WrongAmount(order.amount());
        };
    }
}
