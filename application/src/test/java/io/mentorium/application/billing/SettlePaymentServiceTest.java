package io.mentorium.application.billing;

import static io.mentorium.application.billing.BillingRig.MOTHER;
import static io.mentorium.application.billing.BillingRig.NOW;
import static io.mentorium.application.billing.BillingRig.TASHKENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.in.SettlePayment.Cancellation;
import io.mentorium.application.port.in.SettlePayment.Payability;
import io.mentorium.application.port.in.SettlePayment.Settlement;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.PaidPeriod;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettlePaymentServiceTest {

    private final BillingRig rig = new BillingRig();
    private final PaymentId orderId = new PaymentId("order-1");

    @BeforeEach
    void aMotherWithAnOrder() {
        rig.parent(MOTHER, Language.EN, ParentRole.PARENT);
        rig.order("order-1", Plan.MONTH, PaymentProvider.PAYME);
    }

    private static Instant tashkent(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, TASHKENT).toInstant();
    }

    @Test
    void settlingPaysTheOrderGrantsItsPlanRecordsItAndSendsOneReceiptAfterTheCommit() {
        Settlement settlement = rig.settle.settle(orderId, "payme-1", NOW);

        Instant monthLater = tashkent(2025, 4, 12, 15);
        assertThat(settlement).isInstanceOfSatisfying(Settlement.Applied.class,
                applied -> assertThat(applied.activeUntil()).isEqualTo(monthLater));
        Payment paid = rig.payments.findById(orderId).orElseThrow();
        assertThat(paid.state()).isEqualTo(PaymentState.PAID);
        assertThat(paid.providerTransactionId()).contains("payme-1");
        assertThat(rig.subscriptions.findFor(MOTHER).hasGrant(orderId)).isTrue();
        assertThat(rig.events.ofType("payment.settled")).singleElement().satisfies(event -> {
            assertThat(event.actor()).contains(MOTHER);
            assertThat(event.details()).containsEntry("order", "order-1").containsEntry("amount_minor", "9900000")
                    .doesNotContainKey("chat");
        });
        assertThat(rig.outbox.all()).singleElement().isInstanceOfSatisfying(SendText.class, receipt -> assertThat(
                receipt.text()).contains("Payment received", "1 month", "99,000 UZS", "order-1", "12 April 2025"));
        assertThat(rig.delivered).hasSize(1);
        assertThat(rig.transactions.transactions()).isEqualTo(1);
    }

    @Test
    void settlingTheSameTransactionAgainChangesNothing() {
        rig.settle.settle(orderId, "payme-1", NOW);

        Settlement again = rig.settle.settle(orderId, "payme-1", NOW.plusSeconds(5));

        assertThat(again).isInstanceOf(Settlement.AlreadyApplied.class);
        assertThat(rig.subscriptions.findFor(MOTHER).grants()).hasSize(1);
        assertThat(rig.events.ofType("payment.settled")).hasSize(1);
        assertThat(rig.outbox.all()).hasSize(1);
        assertThat(rig.delivered).hasSize(1);
    }

    @Test
    void twoThreadsSettlingOneOrderApplyItOnce() throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        Callable<Settlement> attempt = () -> {
            ready.countDown();
            ready.await();
            return rig.settle.settle(orderId, "payme-1", NOW);
        };
        List<Settlement> outcomes;
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Settlement> first = threads.submit(attempt);
            Future<Settlement> second = threads.submit(attempt);
            outcomes = List.of(first.get(), second.get());
        }

        assertThat(outcomes).filteredOn(Settlement.Applied.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Settlement.AlreadyApplied.class::isInstance).hasSize(1);
        assertThat(rig.subscriptions.findFor(MOTHER).grants()).hasSize(1);
        assertThat(rig.outbox.all()).hasSize(1);
    }

    @Test
    void anOrderPaidThroughAnotherTransactionIsRefused() {
        rig.settle.settle(orderId, "payme-1", NOW);

        Settlement second = rig.settle.settle(orderId, "payme-2", NOW);

        assertThat(second).isInstanceOfSatisfying(Settlement.Refused.class,
                refused -> assertThat(refused.why()).isInstanceOf(Payability.AlreadyPaid.class));
        assertThat(rig.payments.findById(orderId).orElseThrow().providerTransactionId()).contains("payme-1");
        assertThat(rig.subscriptions.findFor(MOTHER).grants()).hasSize(1);
    }

    @Test
    void oneProviderTransactionCannotPayTwoOrders() {
        rig.order("order-2", Plan.YEAR, PaymentProvider.PAYME);
        rig.settle.settle(orderId, "payme-1", NOW);

        Settlement stolen = rig.settle.settle(new PaymentId("order-2"), "payme-1", NOW);

        assertThat(stolen).isInstanceOf(Settlement.Refused.class);
        assertThat(rig.payments.findById(new PaymentId("order-2")).orElseThrow().state())
                .isEqualTo(PaymentState.CREATED);
    }

    @Test
    void anUnknownOrderIsRefusedAndChangesNothing() {
        PaymentId unknown = new PaymentId("nope");

        assertThat(rig.settle.check(unknown, Money.uzs(99_000))).isInstanceOf(Payability.UnknownOrder.class);
        assertThat(rig.settle.settle(unknown, "payme-1", NOW)).isEqualTo(
                new Settlement.Refused(new Payability.UnknownOrder()));
        assertThat(rig.settle.cancel(unknown, NOW, 1)).isInstanceOf(Cancellation.UnknownOrder.class);
        assertThat(rig.outbox.all()).isEmpty();
    }

    @Test
    void checkAnswersPayableOnlyForTheExactAmountInTheOrdersCurrency() {
        assertThat(rig.settle.check(orderId, Money.uzs(99_000))).isInstanceOf(Payability.Payable.class);
        assertThat(rig.settle.check(orderId, Money.uzs(98_999))).isEqualTo(
                new Payability.WrongAmount(Money.uzs(99_000)));
        assertThat(rig.settle.check(orderId, new Money(9_900_000, Currency.XTR)))
                .isInstanceOf(Payability.WrongAmount.class);
    }

    @Test
    void checkFollowsClicksOrderAlreadyPaidBeforeAmountAndAmountBeforeCancelled() {
        rig.settle.settle(orderId, "payme-1", NOW);
        assertThat(rig.settle.check(orderId, Money.uzs(1))).isInstanceOf(Payability.AlreadyPaid.class);

        rig.order("order-2", Plan.MONTH, PaymentProvider.CLICK);
        rig.settle.cancel(new PaymentId("order-2"), NOW, 1);
        assertThat(rig.settle.check(new PaymentId("order-2"), Money.uzs(1))).isInstanceOf(Payability.WrongAmount.class);
        assertThat(rig.settle.check(new PaymentId("order-2"), Money.uzs(99_000)))
                .isInstanceOf(Payability.Cancelled.class);
    }

    @Test
    void cancellingBeforePaymentCancelsOnceAndTheOrderCanNoLongerBePaid() {
        assertThat(rig.settle.cancel(orderId, NOW, 3)).isInstanceOf(Cancellation.CancelledUnpaid.class);
        assertThat(rig.settle.cancel(orderId, NOW, 3)).isInstanceOf(Cancellation.AlreadyCancelled.class);

        assertThat(rig.settle.settle(orderId, "payme-1", NOW)).isInstanceOfSatisfying(Settlement.Refused.class,
                refused -> assertThat(refused.why()).isInstanceOf(Payability.Cancelled.class));
        assertThat(rig.payments.findById(orderId).orElseThrow().state()).isEqualTo(PaymentState.CANCELLED);
        assertThat(rig.events.ofType("payment.cancelled")).hasSize(1);
        assertThat(rig.outbox.all()).as("nothing was paid, nothing to tell").isEmpty();
    }

    @Test
    void refundingRevokesThePeriodMovesStackedPeriodsEarlierAndTellsTheParent() {
        rig.order("order-2", Plan.QUARTER, PaymentProvider.PAYME);
        rig.settle.settle(orderId, "payme-1", NOW);
        rig.settle.settle(new PaymentId("order-2"), "payme-2", NOW.plus(Duration.ofDays(10)));
        List<PaidPeriod> before = rig.subscriptions.findFor(MOTHER).periods(rig.settings.subscriptionTerms());
        assertThat(before.get(1).start()).isEqualTo(tashkent(2025, 4, 12, 15));

        Cancellation refund = rig.settle.cancel(orderId, NOW.plus(Duration.ofDays(11)), 5);

        assertThat(refund).isInstanceOf(Cancellation.Refunded.class);
        assertThat(rig.payments.findById(orderId).orElseThrow().state()).isEqualTo(PaymentState.REFUNDED);
        List<PaidPeriod> after = rig.subscriptions.findFor(MOTHER).periods(rig.settings.subscriptionTerms());
        assertThat(after).singleElement().satisfies(period -> {
            assertThat(period.grant().paymentId()).isEqualTo(new PaymentId("order-2"));
            assertThat(period.start()).isEqualTo(NOW.plus(Duration.ofDays(10)));
        });
        assertThat(rig.events.ofType("payment.refunded")).hasSize(1);
        assertThat(((SendText) rig.outbox.all().getLast()).text()).contains("refunded", "order-1");
        assertThat(rig.settle.cancel(orderId, NOW, 5)).isInstanceOf(Cancellation.AlreadyCancelled.class);
        assertThat(rig.settle.settle(orderId, "payme-1", NOW)).isInstanceOf(Settlement.Refused.class);
    }

    @Test
    void renewingEarlyStacksTheNewPeriodAfterTheCurrentOne() {
        rig.order("order-2", Plan.QUARTER, PaymentProvider.PAYME);
        rig.settle.settle(orderId, "payme-1", NOW);

        Settlement renewal = rig.settle.settle(new PaymentId("order-2"), "payme-2", NOW.plus(Duration.ofDays(20)));

        assertThat(renewal).isInstanceOfSatisfying(Settlement.Applied.class, applied ->
                assertThat(applied.activeUntil()).isEqualTo(tashkent(2025, 7, 12, 15)));
    }

    @Test
    void insideTheCallersTransactionTheReceiptWaitsForTheCallerToHandItOver() {
        PaymentReceipts.Collected<Settlement> collected = PaymentReceipts.collect(() -> rig.transactions
                .inTransaction(() -> rig.settle.settle(orderId, "payme-1", NOW)));

        assertThat(collected.value()).isInstanceOf(Settlement.Applied.class);
        assertThat(collected.messages()).hasSize(1);
        assertThat(rig.delivered).as("not handed over by the settlement itself").isEmpty();
    }

    @Test
    void aSettlementThatFailsHandsNothingOver() {
        SubscriptionRepository broken = new SubscriptionRepository() {
            @Override
            public Subscription findFor(TelegramUserId parentId) {
                return Subscription.none(parentId);
            }

            @Override
            public void save(Subscription subscription) {
                throw new StorageException("disk full");
            }
        };
        SettlePaymentService failing = new SettlePaymentService(rig.payments, broken, rig.parents, rig.events,
                rig.outbox, rig.transactions, rig.clock, rig.settings, rig.delivered::addAll);

        assertThatThrownBy(() -> failing.settle(orderId, "payme-1", NOW)).isInstanceOf(StorageException.class);

        assertThat(rig.delivered).isEmpty();
        assertThat(PaymentReceipts.collecting()).as("the collection is closed again").isFalse();
    }
}
