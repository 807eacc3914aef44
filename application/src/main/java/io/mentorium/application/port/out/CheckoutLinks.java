package io.mentorium.application.port.out;

import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** The payment providers that are configured, and the page on which a parent pays an order through one of them. */
public interface CheckoutLinks {

    /** The providers a parent may choose, in the order to offer them. */
    Set<PaymentProvider> enabled();

    /** The provider's payment page for the order; empty for Stars (paid by an invoice in the chat) or a disabled one. */
    Optional<URI> payPage(Payment order, Language language);
}
