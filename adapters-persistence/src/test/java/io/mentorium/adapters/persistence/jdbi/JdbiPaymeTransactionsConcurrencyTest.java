package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.PaymeTransactions.PaymeTransaction;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.PaymentId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What makes PayMe's concurrent duplicate calls safe on PostgreSQL: {@code find} locks the row for the caller's
 * transaction, and a second live transaction for an order is refused even while the first is uncommitted. Each test
 * waits, with a deadline, until the second transaction is seen blocked on a lock, so the order of events is certain.
 */
class JdbiPaymeTransactionsConcurrencyTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private JdbiPaymeTransactions transactions;
    private JdbiTransactionRunner runner;

    @BeforeEach
    void emptyDatabase() {
        db.truncate();
        transactions = new JdbiPaymeTransactions(db.jdbi());
        runner = new JdbiTransactionRunner(db.jdbi());
    }

    @Test
    void a_second_find_waits_for_the_first_transaction_and_then_sees_what_it_stored() throws Exception {
        PaymeTransaction created = created("p-1", "order-1");
        transactions.save(created);
        CountDownLatch firstHoldsTheRow = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> first = pool.submit(() -> runner.inTransaction(() -> {
                PaymeTransaction found = transactions.find("p-1").orElseThrow();
                firstHoldsTheRow.countDown();
                await(release);
                transactions.save(performed(found));
            }));
            assertThat(firstHoldsTheRow.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            Future<PaymeTransaction> second = pool.submit(() -> runner.inTransaction(
                    () -> transactions.find("p-1").orElseThrow()));

            awaitSomeoneWaitingForALock();
            assertThat(second.isDone()).isFalse();
            release.countDown();

            first.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(second.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).state()).isEqualTo(2);
        }
    }

    @Test
    void a_second_live_transaction_for_an_order_fails_once_the_first_commits() throws Exception {
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> first = pool.submit(() -> runner.inTransaction(() -> {
                transactions.save(created("p-1", "order-1"));
                firstInserted.countDown();
                await(release);
            }));
            assertThat(firstInserted.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            Future<?> second = pool.submit(() -> runner.inTransaction(() -> transactions.save(created("p-2", "order-1"))));

            awaitSomeoneWaitingForALock();
            release.countDown();

            first.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            try {
                second.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("the second live transaction was stored");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StorageException.class);
            }
        }
        assertThat(transactions.find("p-1")).isPresent();
        assertThat(transactions.find("p-2")).isEmpty();
    }

    private static void awaitSomeoneWaitingForALock() {
        LockWaits.awaitSomeoneWaitingOr(db.jdbi(), DEADLINE, () -> false);
    }

    private static void await(CountDownLatch latch) {
        LockWaits.await(latch, DEADLINE);
    }

    private static PaymeTransaction created(String paymeId, String order) {
        return new PaymeTransaction(paymeId, new PaymentId(order), 1_795_000_000_000L, 9_900_000, "tx-" + paymeId, 1,
                1_795_000_001_000L, 0, 0, Optional.empty());
    }

    private static PaymeTransaction performed(PaymeTransaction t) {
        return new PaymeTransaction(t.paymeId(), t.orderId(), t.paymeTime(), t.amountTiyin(), t.transaction(), 2,
                t.createTime(), 1_795_000_002_000L, 0, Optional.empty());
    }
}
