package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.port.out.contract.UpdateInboxContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiUpdateInboxContractTest extends UpdateInboxContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected UpdateInbox emptyInbox() {
        db.truncate();
        return new JdbiUpdateInbox(db.jdbi());
    }
}
