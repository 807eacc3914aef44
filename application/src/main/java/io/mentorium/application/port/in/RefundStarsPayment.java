package io.mentorium.application.port.in;

import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;

/**
 * An operator gives a parent's Stars back: Telegram refunds first, and only then is the paid period taken back, so a
 * refusal by Telegram leaves the parent's access as it was.
 */
public interface RefundStarsPayment {

    /** @param reference our order id or Telegram's {@code telegram_payment_charge_id} */
    Outcome refund(TelegramUserId adminId, String reference);

    sealed interface Outcome {

        record Refunded(Payment order) implements Outcome {

            public Refunded {
                Objects.requireNonNull(order, "order");
            }
        }

        /** Refunded before: nothing changed. */
        record AlreadyRefunded(Payment order) implements Outcome {
        }

        /** No paid Stars payment with this order or charge id. */
        record NotFound() implements Outcome {
        }

        /** Telegram would not refund it: nothing changed. */
        record RefusedByTelegram(Payment order) implements Outcome {
        }

        /** The caller is not an operator. */
        record NotAllowed() implements Outcome {
        }
    }
}
