package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.ClickTransactions.State;
import io.mentorium.application.port.out.contract.ClickTransactionsContract;
import io.mentorium.domain.shared.PaymentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiClickTransactionsContractTest extends ClickTransactionsContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected ClickTransactions emptyStore() {
        db.truncate();
        return new JdbiClickTransactions(db.jdbi());
    }

    @Test
    void a_prepare_and_a_finish_roll_back_with_the_callers_transaction() {
        JdbiTransactionRunner transactions = new JdbiTransactionRunner(db.jdbi());
        clicks.prepare(81, new PaymentId("order-click-9"), "1000", minutes(0));

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            clicks.prepare(82, new PaymentId("order-click-9"), "1000", minutes(1));
            clicks.finish(81, State.CONFIRMED, minutes(1));
            throw new IllegalStateException("the order could not be settled");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(clicks.find(82)).isEmpty();
        assertThat(clicks.find(81).orElseThrow().state()).isEqualTo(State.PREPARED);
    }
}
