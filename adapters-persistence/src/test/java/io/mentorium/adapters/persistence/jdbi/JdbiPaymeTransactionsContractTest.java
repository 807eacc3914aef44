package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.contract.PaymeTransactionsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiPaymeTransactionsContractTest extends PaymeTransactionsContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected PaymeTransactions emptyStore() {
        db.truncate();
        return new JdbiPaymeTransactions(db.jdbi());
    }
}
