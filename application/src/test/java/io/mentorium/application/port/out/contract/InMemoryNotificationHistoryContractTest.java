package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.testing.InMemoryNotificationHistory;

class InMemoryNotificationHistoryContractTest extends NotificationHistoryContract {

    @Override
    protected NotificationHistory emptyHistory() {
        return new InMemoryNotificationHistory();
    }
}
