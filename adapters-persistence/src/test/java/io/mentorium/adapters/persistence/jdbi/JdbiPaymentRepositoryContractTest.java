package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.contract.PaymentRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JdbiPaymentRepositoryContractTest extends PaymentRepositoryContract {

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
    protected PaymentRepository emptyRepository() {
        db.truncate();
        return new JdbiPaymentRepository(db.jdbi());
    }
}
