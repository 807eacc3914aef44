package io.mentorium.adapters.payments;

import io.mentorium.adapters.payments.payme.PaymeCheckoutLink;
import io.mentorium.application.port.out.CheckoutLinks;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The providers {@link PaymentSettings} enables, offered as Stars, PayMe, Click, and the page to pay an order at:
 * PayMe's checkout, Click's pay page, nothing for Stars (an invoice in the chat pays it).
 */
public final class ProviderCheckoutLinks implements CheckoutLinks {

    static final String CLICK_PAY = "https://my.click.uz/services/pay";

    private final PaymentSettings settings;
    private final Optional<PaymeCheckoutLink> payme;
    private final Optional<URI> clickReturnUrl;

    /**
     * @param clickReturnUrl where Click sends the parent after paying (for example the bot's t.me link); left out of
     *                       the link when empty
     */
    public ProviderCheckoutLinks(PaymentSettings settings, Optional<URI> clickReturnUrl) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.payme = settings.payme().map(p -> new PaymeCheckoutLink(p.merchantId()));
        this.clickReturnUrl = Objects.requireNonNull(clickReturnUrl, "clickReturnUrl");
    }

    @Override
    public Set<PaymentProvider> enabled() {
        Set<PaymentProvider> enabled = new LinkedHashSet<>();
        if (settings.starsEnabled()) {
            enabled.add(PaymentProvider.STARS);
        }
        if (settings.payme().isPresent()) {
            enabled.add(PaymentProvider.PAYME);
        }
        if (settings.click().isPresent()) {
            enabled.add(PaymentProvider.CLICK);
        }
        return Collections.unmodifiableSet(enabled);
    }

    @Override
    public Optional<URI> payPage(Payment order, Language language) {
        return switch (order.provider()) {
            case STARS -> Optional.empty();
            case PAYME -> payme.map(link -> link.link(order.id(), order.amount(), language));
            case CLICK -> settings.click().map(click -> clickLink(click, order));
        };
    }

    /** Click counts in sum: the amount goes as whole sum, with two decimals only when there are tiyin. */
    private URI clickLink(PaymentSettings.Click click, Payment order) {
        BigDecimal sum = BigDecimal.valueOf(order.amount().minor(), 2);
        String amount = order.amount().minor() % 100 == 0 ? sum.setScale(0).toPlainString() : sum.toPlainString();
        StringBuilder link = new StringBuilder(CLICK_PAY)
                .append("?service_id=").append(encode(click.serviceId()))
                .append("&merchant_id=").append(encode(click.merchantId()))
                .append("&amount=").append(amount)
                .append("&transaction_param=").append(encode(order.id().value()));
        clickReturnUrl.ifPresent(url -> link.append("&return_url=").append(encode(url.toString())));
        return URI.create(link.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
