package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.testing.InMemoryLinkAttemptLog;

class InMemoryLinkAttemptLogContractTest extends LinkAttemptLogContract {

    @Override
    protected LinkAttemptLog emptyLog() {
        return new InMemoryLinkAttemptLog();
    }
}
