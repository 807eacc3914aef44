package io.mentorium.application.conversation;

import io.mentorium.application.port.in.RefundStarsPayment;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.in.StartCheckout;
import io.mentorium.application.port.in.ViewSubscription;
import java.util.Objects;

/** The billing use cases the conversation offers: the subscription screen, checkout, Stars payments and refunds. */
public record ConversationBilling(ViewSubscription subscriptions, StartCheckout checkout, SettlePayment settle,
                                  RefundStarsPayment refunds) {

    public ConversationBilling {
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(checkout, "checkout");
        Objects.requireNonNull(settle, "settle");
        Objects.requireNonNull(refunds, "refunds");
    }
}
