package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.testing.InMemoryEventLog;

class InMemoryEventLogContractTest extends EventLogContract {

    @Override
    protected EventLog emptyLog() {
        return new InMemoryEventLog();
    }
}
