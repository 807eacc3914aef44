package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.contract.ParentRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiParentRepositoryContractTest extends ParentRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected ParentRepository emptyRepository() {
        db.truncate();
        return new JdbiParentRepository(db.jdbi());
    }
}
