package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.contract.ParentRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiParentRepositoryContractTest extends ParentRepositoryContract {

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
    protected ParentRepository emptyRepository() {
        db.truncate();
        return new JdbiParentRepository(db.jdbi());
    }
}
