package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.ClickTransactions.ClickTransaction;
import io.mentorium.application.port.out.ClickTransactions.State;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.PaymentId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ClickTransactions} must do. */
public abstract class ClickTransactionsContract {

    private static final PaymentId ORDER = new PaymentId("order-click-1");

    protected ClickTransactions clicks;

    protected abstract ClickTransactions emptyStore();

    @BeforeEach
    final void startEmpty() {
        clicks = emptyStore();
    }

    @Test
    void an_unknown_transaction_is_not_found_and_cannot_be_finished() {
        assertThat(clicks.find(1)).isEmpty();
        assertThat(clicks.finish(1, State.CONFIRMED, minutes(1))).isFalse();
        assertThat(clicks.find(1)).isEmpty();
    }

    @Test
    void a_prepare_is_recorded_with_the_amount_exactly_as_received() {
        long prepareId = clicks.prepare(2_305_814_561L, ORDER, "1000.00", minutes(0));

        assertThat(clicks.find(2_305_814_561L)).contains(new ClickTransaction(2_305_814_561L, ORDER, prepareId,
                "1000.00", State.PREPARED, minutes(0), Optional.empty()));
    }

    @Test
    void a_repeated_prepare_answers_the_first_prepare_id_and_changes_nothing() {
        long first = clicks.prepare(11, ORDER, "1000", minutes(0));

        long again = clicks.prepare(11, ORDER, "1000", minutes(5));

        assertThat(again).isEqualTo(first);
        assertThat(clicks.find(11).orElseThrow().preparedAt()).isEqualTo(minutes(0));
    }

    @Test
    void every_click_transaction_gets_its_own_prepare_id() {
        long first = clicks.prepare(21, ORDER, "1000", minutes(0));
        long second = clicks.prepare(22, ORDER, "1000", minutes(1));
        long third = clicks.prepare(23, new PaymentId("order-click-2"), "5000", minutes(2));

        assertThat(first).isPositive();
        assertThat(second).isNotIn(first);
        assertThat(third).isNotIn(first, second);
    }

    @Test
    void a_click_transaction_belongs_to_one_order() {
        clicks.prepare(31, ORDER, "1000", minutes(0));

        assertThatThrownBy(() -> clicks.prepare(31, new PaymentId("order-other"), "1000", minutes(1)))
                .isInstanceOf(StorageException.class);
        assertThat(clicks.find(31).orElseThrow().orderId()).isEqualTo(ORDER);
    }

    @Test
    void finishing_moves_a_prepared_transaction_once() {
        long prepareId = clicks.prepare(41, ORDER, "1000", minutes(0));

        assertThat(clicks.finish(41, State.CONFIRMED, minutes(2))).isTrue();
        assertThat(clicks.finish(41, State.CONFIRMED, minutes(3))).isFalse();
        assertThat(clicks.finish(41, State.CANCELLED, minutes(4))).isFalse();

        assertThat(clicks.find(41)).contains(new ClickTransaction(41, ORDER, prepareId, "1000", State.CONFIRMED,
                minutes(0), Optional.of(minutes(2))));
    }

    @Test
    void a_cancelled_transaction_cannot_be_confirmed_later() {
        clicks.prepare(51, ORDER, "1000", minutes(0));

        assertThat(clicks.finish(51, State.CANCELLED, minutes(1))).isTrue();
        assertThat(clicks.finish(51, State.CONFIRMED, minutes(2))).isFalse();

        ClickTransaction stored = clicks.find(51).orElseThrow();
        assertThat(stored.state()).isEqualTo(State.CANCELLED);
        assertThat(stored.finishedAt()).contains(minutes(1));
    }

    @Test
    void a_prepare_after_finishing_answers_the_same_id_and_does_not_reopen_it() {
        long prepareId = clicks.prepare(61, ORDER, "1000", minutes(0));
        clicks.finish(61, State.CONFIRMED, minutes(1));

        assertThat(clicks.prepare(61, ORDER, "1000", minutes(2))).isEqualTo(prepareId);
        assertThat(clicks.find(61).orElseThrow().state()).isEqualTo(State.CONFIRMED);
    }

    @Test
    void finishing_back_to_prepared_is_a_programming_error() {
        clicks.prepare(71, ORDER, "1000", minutes(0));

        assertThatThrownBy(() -> clicks.finish(71, State.PREPARED, minutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(clicks.find(71).orElseThrow().state()).isEqualTo(State.PREPARED);
    }
}
