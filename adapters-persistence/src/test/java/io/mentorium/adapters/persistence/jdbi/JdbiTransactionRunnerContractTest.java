package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.contract.TransactionRollbackContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves that repositories calling {@code jdbi.withExtension}/{@code useTransaction} join the transaction
 * {@link JdbiTransactionRunner} opened on the same thread: the rollback cases would fail otherwise.
 */
class JdbiTransactionRunnerContractTest extends TransactionRollbackContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected Store emptyStore() {
        db.truncate();
        return new Store(new JdbiTransactionRunner(db.jdbi()), new JdbiParentRepository(db.jdbi()),
                new JdbiEventLog(db.jdbi()));
    }
}
