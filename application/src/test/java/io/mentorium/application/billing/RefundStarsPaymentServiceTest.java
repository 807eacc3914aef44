package io.mentorium.application.billing;

import static io.mentorium.application.billing.BillingRig.ADMIN;
import static io.mentorium.application.billing.BillingRig.MOTHER;
import static io.mentorium.application.billing.BillingRig.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.RefundStarsPayment.Outcome;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.application.admin.ManageStaffService;
import io.mentorium.application.service.AdminRoster;
import io.mentorium.application.testing.InMemoryStaffRoles;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundStarsPaymentServiceTest {

    private final BillingRig rig = new BillingRig();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private boolean telegramRefunds = true;
    private final RefundStarsPaymentService refunds = new RefundStarsPaymentService(
            new ManageStaffService(new InMemoryStaffRoles(), new AdminRoster(Set.of(ADMIN)), rig.events,
                    rig.transactions, rig.clock), rig.payments,
            (payer, charge) -> {
                asked.add(payer.value() + ":" + charge);
                return telegramRefunds;
            }, rig.settle, rig.events, rig.transactions, rig.clock);

    @BeforeEach
    void aPaidStarsOrder() {
        rig.parent(MOTHER, Language.EN, ParentRole.PARENT);
        rig.parent(ADMIN, Language.EN, ParentRole.ADMIN);
        rig.order("order-1", Plan.MONTH, PaymentProvider.STARS);
        rig.settle.settle(new PaymentId("order-1"), "stxCHARGE.1", NOW);
    }

    @Test
    void anAdminRefundsByOrderIdTelegramFirstThenThePeriodIsRevoked() {
        Outcome outcome = refunds.refund(ADMIN, "order-1");

        assertThat(outcome).isInstanceOf(Outcome.Refunded.class);
        assertThat(asked).containsExactly(MOTHER.value() + ":stxCHARGE.1");
        assertThat(rig.payments.findById(new PaymentId("order-1")).orElseThrow().state())
                .isEqualTo(PaymentState.REFUNDED);
        assertThat(rig.subscriptions.findFor(MOTHER).grants()).isEmpty();
        assertThat(rig.events.ofType("payment.refund_requested")).singleElement()
                .satisfies(event -> assertThat(event.actor()).contains(ADMIN));
        assertThat(refunds.refund(ADMIN, "order-1")).isInstanceOf(Outcome.AlreadyRefunded.class);
        assertThat(asked).hasSize(1);
    }

    @Test
    void anAdminRefundsByTelegramChargeId() {
        assertThat(refunds.refund(ADMIN, " stxCHARGE.1 ")).isInstanceOf(Outcome.Refunded.class);
    }

    @Test
    void whenTelegramRefusesNothingChanges() {
        telegramRefunds = false;

        assertThat(refunds.refund(ADMIN, "order-1")).isInstanceOf(Outcome.RefusedByTelegram.class);
        assertThat(rig.subscriptions.findFor(MOTHER).grants()).hasSize(1);
        assertThat(rig.events.ofType("payment.refund_refused")).hasSize(1);
    }

    @Test
    void onlyAnAdminMayRefundAndOnlyPaidStarsPayments() {
        assertThat(refunds.refund(MOTHER, "order-1")).isInstanceOf(Outcome.NotAllowed.class);
        rig.order("order-2", Plan.MONTH, PaymentProvider.PAYME);
        rig.settle.settle(new PaymentId("order-2"), "payme-1", NOW);
        assertThat(refunds.refund(ADMIN, "order-2")).isInstanceOf(Outcome.NotFound.class);
        rig.order("order-3", Plan.MONTH, PaymentProvider.STARS);
        assertThat(refunds.refund(ADMIN, "order-3")).isInstanceOf(Outcome.NotFound.class);
        assertThat(refunds.refund(ADMIN, "nothing")).isInstanceOf(Outcome.NotFound.class);
        assertThat(asked).isEmpty();
    }
}
