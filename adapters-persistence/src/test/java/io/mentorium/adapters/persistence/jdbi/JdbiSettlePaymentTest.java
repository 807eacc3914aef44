package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.billing.SettlePaymentService;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.in.SettlePayment.Settlement;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settling on real PostgreSQL: the payment's row lock is what makes two deliveries of one callback apply once. */
class JdbiSettlePaymentTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    private static final TelegramUserId PARENT = new TelegramUserId(4242);
    private static final PaymentId ORDER = new PaymentId("order-race");

    private final List<QueuedMessage> delivered = new CopyOnWriteArrayList<>();
    private JdbiPaymentRepository payments;
    private JdbiSubscriptionRepository subscriptions;
    private SettlePaymentService settle;

    @BeforeEach
    void setUp() {
        db.truncate();
        payments = new JdbiPaymentRepository(db.jdbi());
        subscriptions = new JdbiSubscriptionRepository(db.jdbi());
        JdbiParentRepository parents = new JdbiParentRepository(db.jdbi());
        parents.save(Parent.register(PARENT, new ChatId(4242), Language.EN, ParentRole.PARENT, NOW));
        payments.save(Payment.create(ORDER, PARENT, Plan.MONTH, Money.uzs(99_000), PaymentProvider.PAYME, NOW));
        settle = new SettlePaymentService(payments, subscriptions, parents, new JdbiEventLog(db.jdbi()),
                new JdbiOutbox(db.jdbi()), new JdbiTransactionRunner(db.jdbi()), Clock.fixed(NOW, ZoneOffset.UTC),
                CoreSettings.from(new Environment(Map.of())), delivered::addAll);
    }

    @Test
    void two_threads_settling_one_order_apply_it_once() throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        Callable<Settlement> attempt = () -> {
            ready.countDown();
            ready.await();
            return settle.settle(ORDER, "payme-tx-1", NOW);
        };
        List<Settlement> outcomes;
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Settlement> first = threads.submit(attempt);
            Future<Settlement> second = threads.submit(attempt);
            outcomes = List.of(first.get(), second.get());
        }

        assertThat(outcomes).filteredOn(Settlement.Applied.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Settlement.AlreadyApplied.class::isInstance).hasSize(1);
        assertThat(payments.findById(ORDER).orElseThrow().state()).isEqualTo(PaymentState.PAID);
        assertThat(subscriptions.findFor(PARENT).grants()).hasSize(1);
        assertThat(delivered).as("one receipt, handed over after the commit").hasSize(1);
    }

    @Test
    void two_orders_of_one_parent_settled_at_once_both_grant() throws Exception {
        PaymentId other = new PaymentId("order-other");
        payments.save(Payment.create(other, PARENT, Plan.YEAR, Money.stars(2000), PaymentProvider.STARS, NOW));
        CountDownLatch ready = new CountDownLatch(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Settlement> first = threads.submit(() -> {
                ready.countDown();
                ready.await();
                return settle.settle(ORDER, "payme-tx-1", NOW);
            });
            Future<Settlement> second = threads.submit(() -> {
                ready.countDown();
                ready.await();
                return settle.settle(other, "stars-charge-1", NOW);
            });
            assertThat(List.of(first.get(), second.get())).allMatch(Settlement.Applied.class::isInstance);
        }

        assertThat(subscriptions.findFor(PARENT).grants()).hasSize(2);
    }

    @Test
    void a_refund_takes_the_grant_back_in_the_database() {
        settle.settle(ORDER, "payme-tx-1", NOW);

        settle.cancel(ORDER, NOW.plusSeconds(60), 5);

        assertThat(payments.findById(ORDER).orElseThrow().state()).isEqualTo(PaymentState.REFUNDED);
        assertThat(subscriptions.findFor(PARENT).grants()).isEmpty();
        assertThat(delivered).hasSize(2);
    }
}
