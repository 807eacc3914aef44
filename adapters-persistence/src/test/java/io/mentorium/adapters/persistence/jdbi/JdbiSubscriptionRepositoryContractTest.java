package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.contract.SubscriptionRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiSubscriptionRepositoryContractTest extends SubscriptionRepositoryContract {

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
    protected SubscriptionRepository emptyRepository() {
        db.truncate();
        return new JdbiSubscriptionRepository(db.jdbi());
    }
}
