package io.mentorium.application.billing;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.BillingTexts;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what the providers report to orders, exactly once.
 *
 * <p>Idempotency rests on the payment's own state, read with a lock ({@link PaymentRepository#findByIdForUpdate}), so
 * that two threads delivering the same callback take turns: the first pays the order and grants its plan, the second
 * finds it paid by the same provider transaction and changes nothing. The grant is keyed by the order id too, so even
 * a stray second grant could not buy a second period.
 *
 * <p>Everything of one call — the payment, the subscription, the event and the receipt in the outbox — is written in
 * one transaction, joining the caller's. The receipt is handed to the relay after the commit: see
 * {@link PaymentReceipts} for who does that when the caller runs the transaction.
 */
public final class SettlePaymentService implements SettlePayment {

    private static final Logger LOG = LoggerFactory.getLogger(SettlePaymentService.class);

    private final PaymentRepository payments;
    private final SubscriptionRepository subscriptions;
    private final ParentRepository parents;
    private final EventLog events;
    private final Outbox outbox;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final SubscriptionTerms terms;
    private final BillingTexts texts;
    private final Consumer<List<QueuedMessage>> delivery;

    /**
     * @param delivery takes the receipts and refund notices once their transaction has committed (the outbox relay's
     *                 {@code offer}); what it drops stays pending in the outbox for the relay's next start
     */
    public SettlePaymentService(PaymentRepository payments, SubscriptionRepository subscriptions,
                                ParentRepository parents, EventLog events, Outbox outbox,
                                TransactionRunner transactions, Clock clock, CoreSettings settings,
                                Consumer<List<QueuedMessage>> delivery) {
        this.payments = Objects.requireNonNull(payments, "payments");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.parents = Objects.requireNonNull(parents, "parents");
        this.events = Objects.requireNonNull(events, "events");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.terms = Objects.requireNonNull(settings, "settings").subscriptionTerms();
        this.texts = new BillingTexts(new Messages(), settings.botTimeZone());
        this.delivery = Objects.requireNonNull(delivery, "delivery");
    }

    @Override
    public Payability check(PaymentId orderId, Money amount) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        return transactions.inTransaction(() -> payments.findById(orderId)
                .map(order -> payability(order, amount))
                .orElseGet(Payability.UnknownOrder::new));
    }

    /** In Click's documented check order (order, already paid, amount, cancelled), which suits PayMe and Stars too. */
    private static Payability payability(Payment order, Money amount) {
        return switch (order.state()) {
            case PAID -> new Payability.AlreadyPaid(order);
            case CANCELLED, REFUNDED -> amount.equals(order.amount())
                    ? new Payability.Cancelled(order) : new Payability.WrongAmount(order.amount());
            case CREATED -> amount.equals(order.amount())
                    ? new Payability.Payable(order) : new Payability.WrongAmount(order.amount());
        };
    }

    @Override
    public Settlement settle(PaymentId orderId, String providerTransactionId, Instant paidAt) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(providerTransactionId, "providerTransactionId");
        Objects.requireNonNull(paidAt, "paidAt");
        return delivering(() -> {
            Optional<Payment> found = payments.findByIdForUpdate(orderId);
            if (found.isEmpty()) {
                LOG.warn("Settlement for unknown order {}", orderId);
                return new Settlement.Refused(new Payability.UnknownOrder());
            }
            Payment order = found.get();
            switch (order.state()) {
                case PAID -> {
                    if (order.providerTransactionId().equals(Optional.of(providerTransactionId))) {
                        return new Settlement.AlreadyApplied(order);
                    }
                    LOG.warn("Order {} is paid already through another {} transaction", orderId, order.provider());
                    return new Settlement.Refused(new Payability.AlreadyPaid(order));
                }
                case CANCELLED, REFUNDED -> {
                    LOG.warn("Settlement for {} order {}", order.state(), orderId);
                    return new Settlement.Refused(new Payability.Cancelled(order));
                }
                case CREATED -> {
                    // fall through to paying it
                }
            }
            Optional<Payment> holder = payments.findByProviderTransaction(order.provider(), providerTransactionId);
            if (holder.isPresent() && !holder.get().id().equals(orderId)) {
                // A provider's transaction pays one order; the storage would refuse it anyway, this says why.
                LOG.warn("{} transaction for order {} already paid order {}", order.provider(), orderId,
                        holder.get().id());
                return new Settlement.Refused(new Payability.AlreadyPaid(holder.get()));
            }
            order.markPaid(paidAt);
            order.attachProviderTransaction(providerTransactionId);
            payments.save(order);
            Subscription subscription = subscriptions.findForUpdate(order.parentId());
            subscription.grant(order.grant());
            subscriptions.save(subscription);
            Instant activeUntil = activeUntil(subscription, paidAt);
            events.record(new EventLog.Event("payment.settled", Optional.of(order.parentId()), Map.of(
                    "order", orderId.value(), "provider", order.provider().name(), "plan", order.plan().name(),
                    "amount_minor", Long.toString(order.amount().minor()),
                    "currency", order.amount().currency().name(), "active_until", activeUntil.toString()),
                    clock.instant()));
            tell(order, language -> texts.receipt(language, order, activeUntil));
            LOG.info("Order {} paid through {}: {} granted until {}", orderId, order.provider(), order.plan(),
                    activeUntil);
            return new Settlement.Applied(order, activeUntil);
        });
    }

    /** The end of the run of paid periods the new grant belongs to: stacked periods after it count. */
    private Instant activeUntil(Subscription subscription, Instant paidAt) {
        if (subscription.access(Feature.AI_ASSISTANT, paidAt, terms) instanceof AccessDecision.Granted granted
                && granted.until().isPresent()) {
            return granted.until().get();
        }
        return subscription.paidUntil(terms).orElseThrow();
    }

    @Override
    public Cancellation cancel(PaymentId orderId, Instant at, int reason) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
        return delivering(() -> {
            Optional<Payment> found = payments.findByIdForUpdate(orderId);
            if (found.isEmpty()) {
                return new Cancellation.UnknownOrder();
            }
            Payment order = found.get();
            boolean wasPaid = order.state() == PaymentState.PAID;
            if (!order.cancel(at, reason)) {
                return new Cancellation.AlreadyCancelled(order);
            }
            payments.save(order);
            Map<String, String> details = Map.of("order", orderId.value(), "provider", order.provider().name(),
                    "plan", order.plan().name(), "reason", Integer.toString(reason));
            if (!wasPaid) {
                events.record(new EventLog.Event("payment.cancelled", Optional.of(order.parentId()), details,
                        clock.instant()));
                LOG.info("Order {} cancelled before payment (reason {})", orderId, reason);
                return new Cancellation.CancelledUnpaid(order);
            }
            Subscription subscription = subscriptions.findForUpdate(order.parentId());
            // Later stacked periods move earlier: the periods are derived from the remaining grants.
            subscription.revoke(orderId);
            subscriptions.save(subscription);
            events.record(new EventLog.Event("payment.refunded", Optional.of(order.parentId()), details,
                    clock.instant()));
            tell(order, language -> texts.refundNotice(language, order));
            LOG.info("Order {} refunded (reason {}): its {} revoked", orderId, reason, order.plan());
            return new Cancellation.Refunded(order);
        });
    }

    /** Queues a message to the order's parent in their language; a parent gone from the bot gets none. */
    private void tell(Payment order, Function<Language, String> text) {
        Optional<Parent> parent = parents.findById(order.parentId());
        if (parent.isEmpty()) {
            LOG.warn("No parent {} to tell about order {}", order.parentId(), order.id());
            return;
        }
        List<QueuedMessage> queued = outbox.enqueue(List.of(new SendText(parent.get().chatId(),
                text.apply(parent.get().language()))), clock.instant());
        PaymentReceipts.add(queued);
    }

    /**
     * Runs one call in a transaction. When nobody collects receipts on this thread, this call is the outermost
     * transaction and hands them over itself after the commit; otherwise the collector's opener does.
     */
    private <T> T delivering(Supplier<T> work) {
        if (PaymentReceipts.collecting()) {
            return transactions.inTransaction(work);
        }
        PaymentReceipts.Collected<T> collected = PaymentReceipts.collect(() -> transactions.inTransaction(work));
        deliver(collected.messages());
        return collected.value();
    }

    private void deliver(List<QueuedMessage> queued) {
        if (queued.isEmpty()) {
            return;
        }
        try {
            delivery.accept(queued);
        } catch (RuntimeException failed) {
            // Committed already: the messages are pending in the outbox and go out when the relay resumes.
            LOG.warn("Could not hand {} payment message(s) to the relay; they stay queued", queued.size(), failed);
        }
    }
}
