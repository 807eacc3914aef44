package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.contract.ConversationStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiConversationStoreContractTest extends ConversationStoreContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected ConversationStore emptyStore() {
        db.truncate();
        return new JdbiConversationStore(db.jdbi());
    }
}
