package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.contract.RetentionContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The retention use case over the Jdbi stores on real PostgreSQL. */
class JdbiRetentionContractTest extends RetentionContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected Stores emptyStores() {
        db.truncate();
        return new Stores(new JdbiUpdateInbox(db.jdbi()), new JdbiOutbox(db.jdbi()), new JdbiConversationStore(db.jdbi()),
                new JdbiLinkAttemptLog(db.jdbi()), new JdbiDialogRepository(db.jdbi()),
                new JdbiAssistantQuestions(db.jdbi()));
    }
}
