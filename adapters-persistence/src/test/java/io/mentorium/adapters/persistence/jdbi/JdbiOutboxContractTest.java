package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.contract.OutboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiOutboxContractTest extends OutboxContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected Outbox emptyOutbox() {
        db.truncate();
        return new JdbiOutbox(db.jdbi());
    }
}
