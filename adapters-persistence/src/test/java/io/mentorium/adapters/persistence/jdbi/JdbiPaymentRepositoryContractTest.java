package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.port.out.contract.PaymentRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiPaymentRepositoryContractTest extends PaymentRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected PaymentRepository emptyRepository() {
        db.truncate();
        return new JdbiPaymentRepository(db.jdbi());
    }
}
