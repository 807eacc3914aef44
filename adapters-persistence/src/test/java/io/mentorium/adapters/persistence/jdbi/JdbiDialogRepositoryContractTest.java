package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.contract.DialogRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiDialogRepositoryContractTest extends DialogRepositoryContract {

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
    protected DialogRepository emptyRepository() {
        db.truncate();
        return new JdbiDialogRepository(db.jdbi());
    }
}
