package io.mentorium.adapters.payments.payme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.domain.payment.Money;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PaymeCheckoutLinkTest {

    @Test
    void the_link_is_the_checkout_page_with_the_base64_of_merchant_order_tiyin_and_language() {
        URI link = new PaymeCheckoutLink("5e730e8e0b852a417aa49ceb")
                .link(new PaymentId("a1b2c3"), Money.uzs(99_000), Language.UZ);

        assertThat(link.toString()).startsWith("https://checkout.paycom.uz/");
        String encoded = link.toString().substring("https://checkout.paycom.uz/".length());
        assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
                .isEqualTo("m=5e730e8e0b852a417aa49ceb;ac.order_id=a1b2c3;a=9900000;l=uz");
    }

    @Test
    void stars_cannot_be_paid_through_payme_and_a_merchant_id_cannot_smuggle_parameters() {
        assertThatThrownBy(() -> new PaymeCheckoutLink("m").link(new PaymentId("a"), Money.stars(5), Language.RU))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PaymeCheckoutLink("m;a=1")).isInstanceOf(IllegalArgumentException.class);
    }
}
