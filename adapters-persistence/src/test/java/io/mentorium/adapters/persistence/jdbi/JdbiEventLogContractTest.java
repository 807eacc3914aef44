package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.contract.EventLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiEventLogContractTest extends EventLogContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected EventLog emptyLog() {
        db.truncate();
        return new JdbiEventLog(db.jdbi());
    }
}
