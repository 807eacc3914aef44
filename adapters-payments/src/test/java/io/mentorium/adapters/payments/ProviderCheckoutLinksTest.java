package io.mentorium.adapters.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderCheckoutLinksTest {

    private static final PaymentSettings.Payme PAYME = new PaymentSettings.Payme("merchant-1", "key");
    private static final PaymentSettings.Click CLICK = new PaymentSettings.Click("111", "222", "secret");

    private static Payment order(PaymentProvider provider, Money amount) {
        return Payment.create(new PaymentId("order-9"), new TelegramUserId(5), Plan.MONTH, amount, provider,
                Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void the_enabled_providers_come_in_the_order_stars_payme_click() {
        ProviderCheckoutLinks all = new ProviderCheckoutLinks(
                new PaymentSettings(true, Optional.of(PAYME), Optional.of(CLICK)), Optional.empty());
        ProviderCheckoutLinks clickOnly = new ProviderCheckoutLinks(
                new PaymentSettings(false, Optional.empty(), Optional.of(CLICK)), Optional.empty());

        assertThat(all.enabled()).containsExactly(PaymentProvider.STARS, PaymentProvider.PAYME, PaymentProvider.CLICK);
        assertThat(clickOnly.enabled()).containsExactly(PaymentProvider.CLICK);
    }

    @Test
    void stars_has_no_page_and_a_disabled_provider_none_either() {
        ProviderCheckoutLinks starsOnly = new ProviderCheckoutLinks(
                new PaymentSettings(true, Optional.empty(), Optional.empty()), Optional.empty());

        assertThat(starsOnly.payPage(order(PaymentProvider.STARS, Money.stars(100)), Language.RU)).isEmpty();
        assertThat(starsOnly.payPage(order(PaymentProvider.PAYME, Money.uzs(1)), Language.RU)).isEmpty();
        assertThat(starsOnly.payPage(order(PaymentProvider.CLICK, Money.uzs(1)), Language.RU)).isEmpty();
    }

    @Test
    void payme_pays_at_its_checkout() {
        ProviderCheckoutLinks links = new ProviderCheckoutLinks(
                new PaymentSettings(false, Optional.of(PAYME), Optional.empty()), Optional.empty());

        assertThat(links.payPage(order(PaymentProvider.PAYME, Money.uzs(99_000)), Language.EN))
                .hasValueSatisfying(uri -> assertThat(uri.toString()).startsWith("https://checkout.paycom.uz/"));
    }

    @Test
    void click_pays_at_its_pay_page_in_sum_with_the_order_as_transaction_param() {
        ProviderCheckoutLinks withReturn = new ProviderCheckoutLinks(
                new PaymentSettings(false, Optional.empty(), Optional.of(CLICK)),
                Optional.of(URI.create("https://t.me/mentorium_bot?start=paid")));
        ProviderCheckoutLinks withoutReturn = new ProviderCheckoutLinks(
                new PaymentSettings(false, Optional.empty(), Optional.of(CLICK)), Optional.empty());

        assertThat(withReturn.payPage(order(PaymentProvider.CLICK, Money.uzs(99_000)), Language.RU)).contains(URI.create(
                "https://my.click.uz/services/pay?service_id=111&merchant_id=222&amount=99000&transaction_param=order-9"
                        + "&return_url=https%3A%2F%2Ft.me%2Fmentorium_bot%3Fstart%3Dpaid"));
        assertThat(withoutReturn.payPage(order(PaymentProvider.CLICK, new Money(9_900_050, Currency.UZS)), Language.RU))
                .contains(URI.create("https://my.click.uz/services/pay?service_id=111&merchant_id=222&amount=99000.50"
                        + "&transaction_param=order-9"));
    }
}
