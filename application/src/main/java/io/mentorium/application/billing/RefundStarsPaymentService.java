package io.mentorium.application.billing;

import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.RefundStarsPayment;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.StarsRefunds;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.staff.StaffAction;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's Stars refund. Telegram is asked first, outside any transaction (it is a network call); only when it
 * refunded is the order cancelled through {@link SettlePayment#cancel}, which takes the period back and tells the
 * parent. A crash in between leaves the order paid although the Stars went back: running the same command again asks
 * Telegram again (it answers that it refunded before, which {@link StarsRefunds} reports as refunded) and finishes.
 */
public final class RefundStarsPaymentService implements RefundStarsPayment {

    private static final Logger LOG = LoggerFactory.getLogger(RefundStarsPaymentService.class);

    static final int REFUND_REASON = SettlePayment.REFUND_REASON;

    private final ManageStaff staff;
    private final PaymentRepository payments;
    private final StarsRefunds refunds;
    private final SettlePayment settle;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final Clock clock;

    public RefundStarsPaymentService(ManageStaff staff, PaymentRepository payments, StarsRefunds refunds,
                                     SettlePayment settle, EventLog events, TransactionRunner transactions,
                                     Clock clock) {
        this.staff = Objects.requireNonNull(staff, "staff");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.refunds = Objects.requireNonNull(refunds, "refunds");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Outcome refund(TelegramUserId adminId, String reference) {
        Objects.requireNonNull(adminId, "adminId");
        Objects.requireNonNull(reference, "reference");
        if (!staff.may(adminId, StaffAction.REFUND)) {
            return new Outcome.NotAllowed();
        }
        Optional<Payment> found = find(reference.strip()).filter(order -> order.provider() == PaymentProvider.STARS);
        if (found.isEmpty() || found.get().providerTransactionId().isEmpty()) {
            return new Outcome.NotFound();
        }
        Payment order = found.get();
        if (order.state() == PaymentState.REFUNDED) {
            return new Outcome.AlreadyRefunded(order);
        }
        if (order.state() != PaymentState.PAID) {
            return new Outcome.NotFound();
        }
        boolean refunded = refunds.refund(order.parentId(), order.providerTransactionId().get());
        Instant now = clock.instant();
        if (!refunded) {
            record("payment.refund_refused", adminId, order, now);
            LOG.warn("Telegram refused the refund of order {}", order.id());
            return new Outcome.RefusedByTelegram(order);
        }
        record("payment.refund_requested", adminId, order, now);
        return switch (settle.cancel(order.id(), now, REFUND_REASON)) {
            case SettlePayment.Cancellation.Refunded done -> new Outcome.Refunded(done.order());
            case SettlePayment.Cancellation.AlreadyCancelled before -> new Outcome.AlreadyRefunded(before.order());
            case SettlePayment.Cancellation.CancelledUnpaid unpaid -> new Outcome.Refunded(unpaid.order());
            case SettlePayment.Cancellation.UnknownOrder unknown -> new Outcome.NotFound();
        };
    }

    private Optional<Payment> find(String reference) {
        Optional<Payment> byOrder = Optional.empty();
        try {
            byOrder = payments.findById(new PaymentId(reference));
        } catch (IllegalArgumentException notAnOrderId) {
            // Telegram's charge ids hold characters an order id does not: look it up as one.
        }
        return byOrder.or(() -> payments.findByProviderTransaction(PaymentProvider.STARS, reference));
    }

    private void record(String type, TelegramUserId adminId, Payment order, Instant at) {
        transactions.inTransaction(() -> events.record(new EventLog.Event(type, Optional.of(adminId),
                Map.of("order", order.id().value(), "plan", order.plan().name(),
                        "amount_minor", Long.toString(order.amount().minor())), at)));
    }
}
