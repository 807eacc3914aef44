package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.contract.SubscriptionRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiSubscriptionRepositoryContractTest extends SubscriptionRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected SubscriptionRepository emptyRepository() {
        db.truncate();
        return new JdbiSubscriptionRepository(db.jdbi());
    }
}
