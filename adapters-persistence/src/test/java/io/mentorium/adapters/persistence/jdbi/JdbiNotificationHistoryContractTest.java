package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.contract.NotificationHistoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbiNotificationHistoryContractTest extends NotificationHistoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected NotificationHistory emptyHistory() {
        db.truncate();
        return new JdbiNotificationHistory(db.jdbi());
    }
}
