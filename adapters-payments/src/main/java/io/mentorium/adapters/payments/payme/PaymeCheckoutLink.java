package io.mentorium.adapters.payments.payme;

import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * PayMe's checkout page for one order: {@code https://checkout.paycom.uz/} followed by the base64 of
 * {@code m=<merchant id>;ac.order_id=<order>;a=<tiyin>;l=<language>}. PayMe then calls our Merchant API with
 * {@code account.order_id} and the amount in tiyin, which is how the payment finds its order again.
 */
public final class PaymeCheckoutLink {

    static final String CHECKOUT = "https://checkout.paycom.uz/";

    private final String merchantId;

    public PaymeCheckoutLink(String merchantId) {
        this.merchantId = Objects.requireNonNull(merchantId, "merchantId");
        // ';' and '=' separate the parameters: a merchant id holding one would silently shift them.
        if (merchantId.isBlank() || merchantId.contains(";") || merchantId.contains("=")) {
            throw new IllegalArgumentException("not a PayMe merchant id");
        }
    }

    public URI link(PaymentId order, Money amount, Language language) {
        if (amount.currency() != Currency.UZS) {
            throw new IllegalArgumentException("PayMe is paid in UZS, not " + amount.currency());
        }
        String parameters = "m=" + merchantId + ";ac.order_id=" + order.value() + ";a=" + amount.minor()
                + ";l=" + language.code();
        return URI.create(CHECKOUT + Base64.getEncoder().encodeToString(parameters.getBytes(StandardCharsets.UTF_8)));
    }
}
