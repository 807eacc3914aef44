package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.testing.InMemoryUpdateInbox;

class InMemoryUpdateInboxContractTest extends UpdateInboxContract {

    @Override
    protected UpdateInbox emptyInbox() {
        return new InMemoryUpdateInbox();
    }
}
