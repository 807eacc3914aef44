package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PaymentRepository} must do. */
public abstract class PaymentRepositoryContract {

    protected PaymentRepository payments;

    protected abstract PaymentRepository emptyRepository();

    @BeforeEach
    final void startEmpty() {
        payments = emptyRepository();
    }

    @Test
    void an_unknown_payment_is_not_found() {
        assertThat(payments.findById(new PaymentId("nope"))).isEmpty();
        assertThat(payments.findByProviderTransaction(PaymentProvider.PAYME, "nope")).isEmpty();
    }

    @Test
    void a_created_payment_round_trips() {
        Payment payment = payme("order-1");

        payments.save(payment);

        Payment loaded = payments.findById(new PaymentId("order-1")).orElseThrow();
        assertThat(loaded).isEqualTo(payment);
        assertThat(loaded.state()).isEqualTo(PaymentState.CREATED);
        assertThat(loaded.providerTransactionId()).isEmpty();
        assertThat(loaded.paidAt()).isEmpty();
    }

    @Test
    void the_locking_lookup_finds_what_the_plain_one_finds() {
        Payment payment = payme("order-lock");
        payments.save(payment);

        assertThat(payments.findByIdForUpdate(new PaymentId("order-lock"))).contains(payment);
        assertThat(payments.findByIdForUpdate(new PaymentId("nope"))).isEmpty();
    }

    @Test
    void saving_again_updates_state_transaction_and_times() {
        Payment payment = payme("order-2");
        payments.save(payment);

        payment.attachProviderTransaction("63f1c2e7a1b2c3d4e5f6a7b8");
        payment.markPaid(minutes(3));
        payments.save(payment);

        Payment loaded = payments.findById(new PaymentId("order-2")).orElseThrow();
        assertThat(loaded).isEqualTo(payment);
        assertThat(loaded.state()).isEqualTo(PaymentState.PAID);
        assertThat(loaded.paidAt()).contains(minutes(3));
        assertThat(payments.findByProviderTransaction(PaymentProvider.PAYME, "63f1c2e7a1b2c3d4e5f6a7b8")).contains(payment);
    }

    @Test
    void a_refund_round_trips_with_its_reason() {
        Payment payment = payme("order-3");
        payment.attachProviderTransaction("tx-3");
        payment.markPaid(minutes(1));
        payment.cancel(minutes(2), 5);

        payments.save(payment);

        Payment loaded = payments.findById(new PaymentId("order-3")).orElseThrow();
        assertThat(loaded).isEqualTo(payment);
        assertThat(loaded.state()).isEqualTo(PaymentState.REFUNDED);
        assertThat(loaded.cancelledAt()).contains(minutes(2));
        assertThat(loaded.cancelReason()).contains(5);
    }

    @Test
    void a_stars_payment_keeps_its_currency_and_amount() {
        Payment payment = Payment.create(new PaymentId("stars_1"), parentId(702), Plan.YEAR, Money.stars(2000),
                PaymentProvider.STARS, minutes(0));
        payment.attachProviderTransaction("stxAbC-123_telegram-charge");
        payment.markPaid(minutes(1));

        payments.save(payment);

        assertThat(payments.findById(new PaymentId("stars_1"))).contains(payment);
        assertThat(payments.findByProviderTransaction(PaymentProvider.STARS, "stxAbC-123_telegram-charge")).contains(payment);
    }

    @Test
    void a_provider_transaction_is_looked_up_within_its_provider_only() {
        Payment payment = payme("order-4");
        payment.attachProviderTransaction("12345");
        payments.save(payment);

        assertThat(payments.findByProviderTransaction(PaymentProvider.CLICK, "12345")).isEmpty();
        assertThat(payments.findByProviderTransaction(PaymentProvider.PAYME, "1234")).isEmpty();
    }

    @Test
    void the_same_transaction_id_may_exist_at_two_providers() {
        Payment atPayme = payme("order-5");
        atPayme.attachProviderTransaction("777");
        Payment atClick = Payment.create(new PaymentId("order-6"), parentId(701), Plan.MONTH, Money.uzs(99_000),
                PaymentProvider.CLICK, minutes(0));
        atClick.attachProviderTransaction("777");

        payments.save(atPayme);
        payments.save(atClick);

        assertThat(payments.findByProviderTransaction(PaymentProvider.PAYME, "777")).contains(atPayme);
        assertThat(payments.findByProviderTransaction(PaymentProvider.CLICK, "777")).contains(atClick);
    }

    @Test
    void a_provider_transaction_belongs_to_one_payment_only() {
        Payment first = payme("order-7");
        first.attachProviderTransaction("tx-dup");
        payments.save(first);
        Payment second = payme("order-8");
        second.attachProviderTransaction("tx-dup");

        assertThatThrownBy(() -> payments.save(second)).isInstanceOf(StorageException.class);

        assertThat(payments.findById(new PaymentId("order-8"))).isEmpty();
        assertThat(payments.findByProviderTransaction(PaymentProvider.PAYME, "tx-dup")).contains(first);
    }

    @Test
    void an_update_may_not_steal_another_payments_transaction() {
        Payment first = payme("order-9");
        first.attachProviderTransaction("tx-owned");
        payments.save(first);
        Payment second = payme("order-10");
        payments.save(second);

        second.attachProviderTransaction("tx-owned");

        assertThatThrownBy(() -> payments.save(second)).isInstanceOf(StorageException.class);
        assertThat(payments.findById(new PaymentId("order-10")).orElseThrow().providerTransactionId()).isEmpty();
    }

    @Test
    void a_loaded_payment_is_a_copy_until_saved() {
        payments.save(payme("order-11"));
        Payment loaded = payments.findById(new PaymentId("order-11")).orElseThrow();

        loaded.markPaid(minutes(5));

        assertThat(payments.findById(new PaymentId("order-11")).orElseThrow().state()).isEqualTo(PaymentState.CREATED);
    }

    private static Payment payme(String id) {
        return Payment.create(new PaymentId(id), parentId(701), Plan.QUARTER, new Money(24_900_050, Currency.UZS),
                PaymentProvider.PAYME, minutes(0));
    }
}
