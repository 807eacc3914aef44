package io.mentorium.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.PaymeTransactions.PaymeTransaction;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.PaymentId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PaymeTransactions} must do. */
public abstract class PaymeTransactionsContract {

    /** A PayMe time in milliseconds, as PayMe sends it. */
    private static final long T = 1_795_000_000_123L;

    protected PaymeTransactions transactions;

    protected abstract PaymeTransactions emptyStore();

    @BeforeEach
    final void startEmpty() {
        transactions = emptyStore();
    }

    @Test
    void an_unknown_transaction_is_not_found() {
        assertThat(transactions.find("5305e3bab097f420a62ced0b")).isEmpty();
        assertThat(transactions.findLiveForOrder(new PaymentId("order-1"))).isEmpty();
        assertThat(transactions.createdBetween(0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void a_created_transaction_round_trips() {
        PaymeTransaction created = created("p-1", "order-1", T);

        transactions.save(created);

        assertThat(transactions.find("p-1")).contains(created);
        assertThat(transactions.findLiveForOrder(new PaymentId("order-1"))).contains(created);
    }

    @Test
    void performing_and_refunding_update_state_times_and_reason() {
        PaymeTransaction created = created("p-2", "order-2", T);
        transactions.save(created);

        PaymeTransaction performed = with(created, 2, T + 2_000, 0, Optional.empty());
        transactions.save(performed);
        assertThat(transactions.find("p-2")).contains(performed);
        assertThat(transactions.findLiveForOrder(new PaymentId("order-2"))).contains(performed);

        PaymeTransaction refunded = with(created, -2, T + 2_000, T + 9_000, Optional.of(5));
        transactions.save(refunded);
        assertThat(transactions.find("p-2")).contains(refunded);
        assertThat(transactions.findLiveForOrder(new PaymentId("order-2"))).isEmpty();
    }

    @Test
    void an_order_has_at_most_one_live_transaction() {
        transactions.save(created("p-3", "order-3", T));

        assertThatThrownBy(() -> transactions.save(created("p-4", "order-3", T + 1)))
                .isInstanceOf(StorageException.class);

        assertThat(transactions.find("p-4")).isEmpty();
    }

    @Test
    void a_cancelled_transaction_leaves_the_order_free_for_a_new_one() {
        PaymeTransaction first = created("p-5", "order-5", T);
        transactions.save(first);
        transactions.save(with(first, -1, 0, T + 5, Optional.of(3)));

        PaymeTransaction second = created("p-6", "order-5", T + 10);
        transactions.save(second);

        assertThat(transactions.findLiveForOrder(new PaymentId("order-5"))).contains(second);
    }

    @Test
    void a_payme_id_cannot_be_moved_to_another_order() {
        transactions.save(created("p-7", "order-7", T));

        assertThatThrownBy(() -> transactions.save(created("p-7", "order-8", T)))
                .isInstanceOf(StorageException.class);

        assertThat(transactions.find("p-7").orElseThrow().orderId()).isEqualTo(new PaymentId("order-7"));
    }

    @Test
    void the_statement_holds_every_state_within_inclusive_bounds_in_payme_time_order() {
        PaymeTransaction late = created("p-late", "order-a", T + 300);
        PaymeTransaction early = created("p-early", "order-b", T + 100);
        PaymeTransaction cancelled = with(created("p-mid", "order-c", T + 200), -1, 0, T + 250, Optional.of(4));
        PaymeTransaction before = created("p-before", "order-d", T + 99);
        PaymeTransaction after = created("p-after", "order-e", T + 301);
        transactions.save(late);
        transactions.save(early);
        transactions.save(cancelled);
        transactions.save(before);
        transactions.save(after);

        assertThat(transactions.createdBetween(T + 100, T + 300)).containsExactly(early, cancelled, late);
        assertThat(transactions.createdBetween(T + 300, T + 100)).isEmpty();
    }

    private static PaymeTransaction created(String paymeId, String order, long paymeTime) {
        return new PaymeTransaction(paymeId, new PaymentId(order), paymeTime, 9_900_000, "tx-" + paymeId, 1,
                paymeTime + 1_000, 0, 0, Optional.empty());
    }

    private static PaymeTransaction with(PaymeTransaction t, int state, long performTime, long cancelTime,
                                         Optional<Integer> reason) {
        return new PaymeTransaction(t.paymeId(), t.orderId(), t.paymeTime(), t.amountTiyin(), t.transaction(), state,
                t.createTime(), performTime, cancelTime, reason);
    }
}
