package io.mentorium.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaymentTest {

    private static final PaymentId ID = new PaymentId("order_1");
    private static final TelegramUserId PARENT = new TelegramUserId(42);
    private static final Instant CREATED = Instant.parse("2026-03-04T10:00:00Z");
    private static final Instant PAID = CREATED.plusSeconds(30);
    private static final Instant CANCELLED = CREATED.plusSeconds(3_600);

    private static Payment payme() {
        return Payment.create(ID, PARENT, Plan.MONTH, Money.uzs(49_000), PaymentProvider.PAYME, CREATED);
    }

    @Test
    void newPaymentIsCreatedAndNothingElse() {
        Payment payment = payme();

        assertThat(payment.state()).isEqualTo(PaymentState.CREATED);
        assertThat(payment.paidAt()).isEmpty();
        assertThat(payment.cancelledAt()).isEmpty();
        assertThat(payment.cancelReason()).isEmpty();
        assertThat(payment.providerTransactionId()).isEmpty();
        assertThat(payment.createdAt()).isEqualTo(CREATED);
    }

    @Test
    void markPaidMovesCreatedToPaid() {
        Payment payment = payme();

        assertThat(payment.markPaid(PAID)).isTrue();

        assertThat(payment.state()).isEqualTo(PaymentState.PAID);
        assertThat(payment.paidAt()).contains(PAID);
    }

    @Test
    void repeatedMarkPaidAnswersFalseAndKeepsTheFirstInstant() {
        Payment payment = payme();
        payment.markPaid(PAID);

        assertThat(payment.markPaid(PAID.plusSeconds(60))).isFalse();

        assertThat(payment.state()).isEqualTo(PaymentState.PAID);
        assertThat(payment.paidAt()).contains(PAID);
    }

    @Test
    void cancellingAPaidPaymentRefundsIt() {
        Payment payment = payme();
        payment.markPaid(PAID);

        assertThat(payment.cancel(CANCELLED, 5)).isTrue();

        assertThat(payment.state()).isEqualTo(PaymentState.REFUNDED);
        assertThat(payment.cancelledAt()).contains(CANCELLED);
        assertThat(payment.cancelReason()).contains(5);
        assertThat(payment.paidAt()).contains(PAID);
    }

    @Test
    void cancellingAnUnpaidPaymentCancelsIt() {
        Payment payment = payme();

        assertThat(payment.cancel(CANCELLED, 3)).isTrue();

        assertThat(payment.state()).isEqualTo(PaymentState.CANCELLED);
        assertThat(payment.cancelledAt()).contains(CANCELLED);
        assertThat(payment.cancelReason()).contains(3);
    }

    @Test
    void repeatedCancelAnswersFalseAndKeepsTheFirstCancellation() {
        Payment cancelled = payme();
        cancelled.cancel(CANCELLED, 3);
        Payment refunded = payme();
        refunded.markPaid(PAID);
        refunded.cancel(CANCELLED, 5);

        assertThat(cancelled.cancel(CANCELLED.plusSeconds(1), 4)).isFalse();
        assertThat(refunded.cancel(CANCELLED.plusSeconds(1), 4)).isFalse();

        assertThat(cancelled.state()).isEqualTo(PaymentState.CANCELLED);
        assertThat(cancelled.cancelReason()).contains(3);
        assertThat(refunded.state()).isEqualTo(PaymentState.REFUNDED);
        assertThat(refunded.cancelledAt()).contains(CANCELLED);
    }

    @Test
    void payingACancelledPaymentThrows() {
        Payment payment = payme();
        payment.cancel(CANCELLED, 3);

        assertThatIllegalStateException().isThrownBy(() -> payment.markPaid(PAID));
        assertThat(payment.state()).isEqualTo(PaymentState.CANCELLED);
        assertThat(payment.paidAt()).isEmpty();
    }

    @Test
    void payingARefundedPaymentAgainThrows() {
        Payment payment = payme();
        payment.markPaid(PAID);
        payment.cancel(CANCELLED, 5);

        assertThatIllegalStateException().isThrownBy(() -> payment.markPaid(CANCELLED.plusSeconds(1)));
        assertThat(payment.state()).isEqualTo(PaymentState.REFUNDED);
    }

    @Test
    void paidPaymentGrantsItsPlanFromThePaymentInstant() {
        Payment payment = payme();
        payment.markPaid(PAID);

        assertThat(payment.grant()).isEqualTo(new Grant(ID, Plan.MONTH, PAID));
    }

    @Test
    void unpaidPaymentGrantsNothing() {
        assertThatIllegalStateException().isThrownBy(() -> payme().grant());
    }

    @Test
    void cancelledPaymentGrantsNothing() {
        Payment payment = payme();
        payment.cancel(CANCELLED, 3);

        assertThatIllegalStateException().isThrownBy(payment::grant);
    }

    @Test
    void refundedPaymentGrantsNothing() {
        Payment payment = payme();
        payment.markPaid(PAID);
        payment.cancel(CANCELLED, 5);

        assertThatIllegalStateException().isThrownBy(payment::grant);
    }

    @Test
    void providerCurrenciesAreStarsInXtrAndLocalProvidersInUzs() {
        assertThat(PaymentProvider.STARS.currency()).isEqualTo(Currency.XTR);
        assertThat(PaymentProvider.PAYME.currency()).isEqualTo(Currency.UZS);
        assertThat(PaymentProvider.CLICK.currency()).isEqualTo(Currency.UZS);
    }

    @Test
    void starsPaymentInStarsIsAccepted() {
        Payment payment = Payment.create(ID, PARENT, Plan.YEAR, Money.stars(900), PaymentProvider.STARS, CREATED);

        assertThat(payment.amount()).isEqualTo(Money.stars(900));
        assertThat(payment.provider()).isEqualTo(PaymentProvider.STARS);
    }

    @Test
    void starsPaymentInSumIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> Payment.create(ID, PARENT, Plan.MONTH, Money.uzs(49_000), PaymentProvider.STARS, CREATED));
    }

    @ParameterizedTest
    @EnumSource(value = PaymentProvider.class, names = {"PAYME", "CLICK"})
    void localPaymentInStarsIsRejected(PaymentProvider provider) {
        assertThatIllegalArgumentException().isThrownBy(
                () -> Payment.create(ID, PARENT, Plan.MONTH, Money.stars(100), provider, CREATED));
    }

    @Test
    void restoringAPaymentWithTheWrongCurrencyIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Payment.restore(ID, PARENT, Plan.MONTH, Money.stars(1),
                PaymentProvider.PAYME, CREATED, PaymentState.CREATED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    @Test
    void providerTransactionIsAttachedOnceAndMayBeRepeated() {
        Payment payment = payme();

        payment.attachProviderTransaction("payme-tx-1");
        payment.attachProviderTransaction("payme-tx-1");

        assertThat(payment.providerTransactionId()).contains("payme-tx-1");
    }

    @Test
    void anotherProviderTransactionIsRefused() {
        Payment payment = payme();
        payment.attachProviderTransaction("payme-tx-1");

        assertThatIllegalStateException().isThrownBy(() -> payment.attachProviderTransaction("payme-tx-2"));
        assertThat(payment.providerTransactionId()).contains("payme-tx-1");
    }

    @Test
    void restoredPaymentEqualsTheOneItWasStoredFrom() {
        Payment payment = payme();
        payment.attachProviderTransaction("payme-tx-1");
        payment.markPaid(PAID);

        Payment restored = Payment.restore(payment.id(), payment.parentId(), payment.plan(), payment.amount(),
                payment.provider(), payment.createdAt(), payment.state(), payment.providerTransactionId(),
                payment.paidAt(), payment.cancelledAt(), payment.cancelReason());

        assertThat(restored).isEqualTo(payment).hasSameHashCodeAs(payment);
        assertThat(restored.grant()).isEqualTo(payment.grant());
    }

    @Test
    void paymentsInDifferentStatesAreNotEqual() {
        Payment paid = payme();
        paid.markPaid(PAID);

        assertThat(payme()).isNotEqualTo(paid);
    }

    @Test
    void toStringNamesIdProviderPlanAmountAndState() {
        assertThat(payme()).hasToString("Payment[order_1, PAYME, MONTH, 49000.00 UZS, CREATED]");
    }
}
