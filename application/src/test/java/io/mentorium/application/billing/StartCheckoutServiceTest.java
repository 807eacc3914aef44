package io.mentorium.application.billing;

import static io.mentorium.application.billing.BillingRig.MOTHER;
import static io.mentorium.application.billing.BillingRig.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.in.SettlePayment.Payability;
import io.mentorium.application.port.in.StartCheckout.Checkout;
import io.mentorium.application.port.in.StartCheckout.Outcome;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StartCheckoutServiceTest {

    private final BillingRig rig = new BillingRig();

    @BeforeEach
    void aMother() {
        rig.parent(MOTHER, Language.UZ, ParentRole.PARENT);
    }

    @Test
    void aStarsOrderCostsTheConfiguredStarsAndCarriesItsIdAsThePayload() {
        Outcome outcome = rig.checkout().start(MOTHER, Plan.QUARTER, PaymentProvider.STARS);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Started.class, started -> {
            assertThat(started.checkout()).isEqualTo(new Checkout.StarsInvoice("order-1", 600));
            assertThat(started.order().amount()).isEqualTo(Money.stars(600));
        });
        Payment stored = rig.payments.findById(new PaymentId("order-1")).orElseThrow();
        assertThat(stored.state()).isEqualTo(PaymentState.CREATED);
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(rig.events.ofType("payment.created")).hasSize(1);
    }

    @Test
    void aPaymeOrderCostsTheConfiguredSumsAndAnswersThePayPageInTheParentsLanguage() {
        Outcome outcome = rig.checkout().start(MOTHER, Plan.YEAR, PaymentProvider.PAYME);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Started.class, started -> {
            assertThat(started.order().amount()).isEqualTo(Money.uzs(899_000));
            assertThat(started.checkout()).isEqualTo(
                    new Checkout.PayPage(URI.create("https://pay.example/order-1?l=uz")));
        });
    }

    @Test
    void theAmountIsFixedWhenTheOrderIsCreated() {
        rig.checkout().start(MOTHER, Plan.MONTH, PaymentProvider.CLICK);
        CoreSettings dearer = CoreSettings.from(new Environment(Map.of(
                "PLAN_PRICES_UZS", "month=120000,quarter=300000,year=1000000")));

        Outcome later = rig.checkout(dearer).start(MOTHER, Plan.MONTH, PaymentProvider.CLICK);

        assertThat(rig.payments.findById(new PaymentId("order-1")).orElseThrow().amount())
                .isEqualTo(Money.uzs(99_000));
        assertThat(rig.settle.check(new PaymentId("order-1"), Money.uzs(99_000))).isInstanceOf(Payability.Payable.class);
        assertThat(((Outcome.Started) later).order().amount()).isEqualTo(Money.uzs(120_000));
    }

    @Test
    void choosingAgainCreatesANewOrder() {
        rig.checkout().start(MOTHER, Plan.MONTH, PaymentProvider.STARS);
        rig.checkout().start(MOTHER, Plan.MONTH, PaymentProvider.STARS);

        assertThat(rig.payments.findById(new PaymentId("order-1"))).isPresent();
        assertThat(rig.payments.findById(new PaymentId("order-2"))).isPresent();
    }

    @Test
    void aDisabledProviderCreatesNoOrder() {
        rig.providers.remove(PaymentProvider.CLICK);

        assertThat(rig.checkout().start(MOTHER, Plan.MONTH, PaymentProvider.CLICK))
                .isEqualTo(new Outcome.ProviderDisabled(PaymentProvider.CLICK));
        assertThat(rig.payments.findById(new PaymentId("order-1"))).isEmpty();
    }

    @Test
    void aStrangerCannotOrder() {
        assertThat(rig.checkout().start(new TelegramUserId(77), Plan.MONTH, PaymentProvider.STARS))
                .isInstanceOf(Outcome.NotRegistered.class);
    }

    @Test
    void realOrderIdsAreShortUrlSafeAndDifferent() {
        PaymentId one = StartCheckoutService.newOrderId();
        PaymentId two = StartCheckoutService.newOrderId();

        assertThat(one.value()).matches("[A-Za-z0-9_-]{22}");
        assertThat(one).isNotEqualTo(two);
    }
}
