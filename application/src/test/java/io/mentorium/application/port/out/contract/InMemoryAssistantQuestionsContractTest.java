package io.mentorium.application.port.out.contract;

import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryAssistantQuestions;

class InMemoryAssistantQuestionsContractTest extends AssistantQuestionsContract {

    @Override
    protected Store emptyStore() {
        return new Store(new InMemoryAssistantQuestions(), new DirectTransactionRunner());
    }
}
