package io.mentorium.application.port.in;

import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.shared.PaymentId;
import java.time.Instant;
import java.util.Objects;

/**
 * What a payment provider's callback may do to an order: ask whether it may be paid, pay it, cancel or refund it. Every
 * call is idempotent — a provider repeats callbacks, and the same event applied twice changes nothing the second time
 * — and joins the caller's transaction when one is open, so an adapter can store its own protocol state (a PayMe
 * transaction, a Click prepare) atomically with the order's.
 */
public interface SettlePayment {

    /** Whether the order exists and may still be paid with exactly this amount (in the order's currency). */
    Payability check(PaymentId orderId, Money amount);

    /**
     * Pays the order: marks it paid, grants its plan (stacked after any running period), records the event and queues
     * a receipt to the parent.
     *
     * @param providerTransactionId the provider's id of the money movement (Stars' {@code telegram_payment_charge_id},
     *                              PayMe's transaction id, Click's {@code click_trans_id}); one payment at most
     */
    Settlement settle(PaymentId orderId, String providerTransactionId, Instant paidAt);

    /**
     * Cancels an order not paid yet, or refunds a paid one, taking back the period it bought.
     *
     * @param reason the provider's reason code, kept for support (PayMe's 1–5, 10; 0 when none)
     */
    Cancellation cancel(PaymentId orderId, Instant at, int reason);

    /** PayMe's reason code for a refund, used for every provider's refunds so that they read alike in the table. */
    int REFUND_REASON = 5;

    sealed interface Payability {

        record Payable(Payment order) implements Payability {

            public Payable {
                Objects.requireNonNull(order, "order");
            }
        }

        record UnknownOrder() implements Payability {
        }

        record WrongAmount(Money expected) implements Payability {

            public WrongAmount {
                Objects.requireNonNull(expected, "expected");
            }
        }

        record AlreadyPaid(Payment order) implements Payability {
        }

        record Cancelled(Payment order) implements Payability {
        }
    }

    sealed interface Settlement {

        /** Applied now: the parent has access until {@code activeUntil}. */
        record Applied(Payment order, Instant activeUntil) implements Settlement {
        }

        /** The same provider transaction was applied before: nothing changed. */
        record AlreadyApplied(Payment order) implements Settlement {
        }

        /** Not payable (unknown, cancelled, or paid through another transaction): nothing changed. */
        record Refused(Payability why) implements Settlement {

            public Refused {
                Objects.requireNonNull(why, "why");
            }
        }
    }

    sealed interface Cancellation {

        record CancelledUnpaid(Payment order) implements Cancellation {
        }

        record Refunded(Payment order) implements Cancellation {
        }

        /** It was cancelled or refunded before: nothing changed. */
        record AlreadyCancelled(Payment order) implements Cancellation {
        }

        record UnknownOrder() implements Cancellation {
        }
    }
}
