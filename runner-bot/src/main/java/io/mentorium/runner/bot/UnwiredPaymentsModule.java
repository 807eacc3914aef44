package io.mentorium.runner.bot;

import dagger.Module;
import dagger.Provides;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.application.port.out.StarsRefunds;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stand-ins until the PayMe, Click and Stars adapters are bound: no provider is offered (the subscription screen says
 * payments are unavailable) and no refund is made. Safe by construction — nothing can be sold or given back — and to be
 * replaced, not extended, when the real bindings arrive.
 */
@Module
final class UnwiredPaymentsModule {

    private static final Logger LOG = LoggerFactory.getLogger(UnwiredPaymentsModule.class);

    private UnwiredPaymentsModule() {
    }

    @Provides
    static CheckoutLinks checkoutLinks() {
        return new CheckoutLinks() {
            @Override
            public Set<PaymentProvider> enabled() {
                return Set.of();
            }

            @Override
            public Optional<URI> payPage(Payment order, Language language) {
                return Optional.empty();
            }
        };
    }

    @Provides
    static StarsRefunds starsRefunds() {
        return (payer, charge) -> {
            LOG.warn("Stars refunds are not wired yet: refund of charge {} refused", charge);
            return false;
        };
    }
}
