package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.contract.LinkAttemptLogContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiLinkAttemptLogContractTest extends LinkAttemptLogContract {

    private static MigratedDatabase db;

    @BeforeAll
    static void migrate() {
        db = MigratedDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    protected LinkAttemptLog emptyLog() {
        db.truncate();
        return new JdbiLinkAttemptLog(db.jdbi());
    }
}
