package io.mentorium.application.port.out.contract;

import io.mentorium.application.testing.InMemoryAssistantQuestions;
import io.mentorium.application.testing.InMemoryConversationStore;
import io.mentorium.application.testing.InMemoryDialogRepository;
import io.mentorium.application.testing.InMemoryLinkAttemptLog;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryUpdateInbox;

class InMemoryRetentionContractTest extends RetentionContract {

    @Override
    protected Stores emptyStores() {
        return new Stores(new InMemoryUpdateInbox(), new InMemoryOutbox(), new InMemoryConversationStore(),
                new InMemoryLinkAttemptLog(), new InMemoryDialogRepository(), new InMemoryAssistantQuestions());
    }
}
