package io.mentorium.domain.payment;

import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a parent to pay for a plan through a provider. Transitions are explicit and answer whether they
 * changed anything, so a provider's repeated callback is recognised instead of applied twice.
 */
public final class Payment {

    private final PaymentId id;
    private final TelegramUserId parentId;
    private final Plan plan;
    private final Money amount;
    private final PaymentProvider provider;
    private final Instant createdAt;
    private PaymentState state;
    private Optional<String> providerTransactionId;
    private Optional<Instant> paidAt;
    private Optional<Instant> cancelledAt;
    private Optional<Integer> cancelReason;

    private Payment(PaymentId id, TelegramUserId parentId, Plan plan, Money amount, PaymentProvider provider,
                    Instant createdAt, PaymentState state, Optional<String> providerTransactionId,
                    Optional<Instant> paidAt, Optional<Instant> cancelledAt, Optional<Integer> cancelReason) {
        this.id = Objects.requireNonNull(id, "id");
        this.parentId = Objects.requireNonNull(parentId, "parentId");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.amount = Objects.requireNonNull(amount, "amount");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.state = Objects.requireNonNull(state, "state");
        this.providerTransactionId = Objects.requireNonNull(providerTransactionId, "providerTransactionId");
        this.paidAt = Objects.requireNonNull(paidAt, "paidAt");
        this.cancelledAt = Objects.requireNonNull(cancelledAt, "cancelledAt");
        this.cancelReason = Objects.requireNonNull(cancelReason, "cancelReason");
        if (amount.currency() != provider.currency()) {
            throw new IllegalArgumentException(provider + " payments are in " + provider.currency() + ", not " + amount.currency());
        }
    }

    public static Payment create(PaymentId id, TelegramUserId parentId, Plan plan, Money amount,
                                 PaymentProvider provider, Instant createdAt) {
        return new Payment(id, parentId, plan, amount, provider, createdAt, PaymentState.CREATED, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Rebuilds a stored payment. */
    public static Payment restore(PaymentId id, TelegramUserId parentId, Plan plan, Money amount,
                                  PaymentProvider provider, Instant createdAt, PaymentState state,
                                  Optional<String> providerTransactionId, Optional<Instant> paidAt,
                                  Optional<Instant> cancelledAt, Optional<Integer> cancelReason) {
        return new Payment(id, parentId, plan, amount, provider, createdAt, state, providerTransactionId, paidAt,
                cancelledAt, cancelReason);
    }

    /** Records the provider's id of this payment; it never changes once set. */
    public void attachProviderTransaction(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (providerTransactionId.isPresent() && !providerTransactionId.get().equals(transactionId)) {
            throw new IllegalStateException("payment " + id + " already belongs to another provider transaction");
        }
        providerTransactionId = Optional.of(transactionId);
    }

    /**
     * Marks the money as received.
     *
     * @return true if this changed the payment; false if it was already paid (a repeated callback)
     * @throws IllegalStateException when the payment was cancelled or refunded
     */
    public boolean markPaid(Instant at) {
        return switch (state) {
            case PAID -> false;
            case CREATED -> {
                state = PaymentState.PAID;
                paidAt = Optional.of(at);
                yield true;
            }
            case CANCELLED, REFUNDED -> throw new IllegalStateException("payment " + id + " is " + state + ", cannot be paid");
        };
    }

    /**
     * Cancels the payment: before payment it becomes CANCELLED, after it REFUNDED.
     *
     * @return true if this changed the payment; false if it was already cancelled or refunded
     */
    public boolean cancel(Instant at, int reason) {
        return switch (state) {
            case CANCELLED, REFUNDED -> false;
            case CREATED, PAID -> {
                state = state == PaymentState.PAID ? PaymentState.REFUNDED : PaymentState.CANCELLED;
                cancelledAt = Optional.of(at);
                cancelReason = Optional.of(reason);
                yield true;
            }
        };
    }

    /**
     * What this payment buys while it is paid.
     *
     * @throws IllegalStateException unless the payment is PAID: a created, cancelled or refunded payment buys nothing
     */
    public Grant grant() {
        if (state != PaymentState.PAID) {
            throw new IllegalStateException("payment " + id + " is " + state + ", it grants nothing");
        }
        Instant when = paidAt.orElseThrow(() -> new IllegalStateException("payment " + id + " is not paid"));
        return new Grant(id, plan, when);
    }

    public PaymentId id() {
        return id;
    }

    public TelegramUserId parentId() {
        return parentId;
    }

    public Plan plan() {
        return plan;
    }

    public Money amount() {
        return amount;
    }

    public PaymentProvider provider() {
        return provider;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public PaymentState state() {
        return state;
    }

    public Optional<String> providerTransactionId() {
        return providerTransactionId;
    }

    public Optional<Instant> paidAt() {
        return paidAt;
    }

    public Optional<Instant> cancelledAt() {
        return cancelledAt;
    }

    public Optional<Integer> cancelReason() {
        return cancelReason;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Payment that && id.equals(that.id) && state == that.state
                && providerTransactionId.equals(that.providerTransactionId) && paidAt.equals(that.paidAt)
                && cancelledAt.equals(that.cancelledAt) && cancelReason.equals(that.cancelReason)
                && parentId.equals(that.parentId) && plan == that.plan && amount.equals(that.amount)
                && provider == that.provider && createdAt.equals(that.createdAt);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Payment[" + id + ", " + provider + ", " + plan + ", " + amount + ", " + state + "]";
    }
}
