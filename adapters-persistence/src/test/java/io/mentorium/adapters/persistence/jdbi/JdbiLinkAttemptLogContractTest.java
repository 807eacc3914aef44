package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.contract.LinkAttemptLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiLinkAttemptLogContractTest extends LinkAttemptLogContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected LinkAttemptLog emptyLog() {
        db.truncate();
        return new JdbiLinkAttemptLog(db.jdbi());
    }
}
