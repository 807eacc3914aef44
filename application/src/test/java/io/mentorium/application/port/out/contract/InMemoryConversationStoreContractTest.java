package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.testing.InMemoryConversationStore;

class InMemoryConversationStoreContractTest extends ConversationStoreContract {

    @Override
    protected ConversationStore emptyStore() {
        return new InMemoryConversationStore();
    }
}
