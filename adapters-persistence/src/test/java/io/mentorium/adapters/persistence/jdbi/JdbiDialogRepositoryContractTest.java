package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.contract.DialogRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiDialogRepositoryContractTest extends DialogRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected DialogRepository emptyRepository() {
        db.truncate();
        return new JdbiDialogRepository(db.jdbi());
    }
}
