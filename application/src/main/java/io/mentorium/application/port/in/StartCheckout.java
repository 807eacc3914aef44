package io.mentorium.application.port.in;

import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.net.URI;
import java.util.Objects;

/**
 * A parent chooses a plan and a provider: an order is created with its amount fixed from the configured prices, and
 * the parent is told how to pay it.
 */
public interface StartCheckout {

    Outcome start(TelegramUserId parentId, Plan plan, PaymentProvider provider);

    sealed interface Outcome {

        record Started(Payment order, Checkout checkout) implements Outcome {

            public Started {
                Objects.requireNonNull(order, "order");
                Objects.requireNonNull(checkout, "checkout");
            }
        }

        /** This provider is not configured (or switched off). */
        record ProviderDisabled(PaymentProvider provider) implements Outcome {
        }

        record NotRegistered() implements Outcome {
        }
    }

    /** How the parent pays an order. */
    sealed interface Checkout {

        /** A Telegram Stars invoice in the chat; {@code payload} carries the order id (1–128 bytes). */
        record StarsInvoice(String payload, long stars) implements Checkout {
        }

        /** A provider's payment page (PayMe checkout, Click pay link). */
        record PayPage(URI url) implements Checkout {

            public PayPage {
                Objects.requireNonNull(url, "url");
            }
        }
    }
}
