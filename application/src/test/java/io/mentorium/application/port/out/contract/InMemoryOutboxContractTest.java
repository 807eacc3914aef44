package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.testing.InMemoryOutbox;

class InMemoryOutboxContractTest extends OutboxContract {

    @Override
    protected Outbox emptyOutbox() {
        return new InMemoryOutbox();
    }
}
