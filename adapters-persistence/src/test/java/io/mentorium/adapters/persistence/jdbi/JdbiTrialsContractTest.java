package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.Trials;
import io.mentorium.application.port.out.contract.TrialsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiTrialsContractTest extends TrialsContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected Trials emptyTrials() {
        db.truncate();
        return new JdbiTrials(db.jdbi());
    }
}
