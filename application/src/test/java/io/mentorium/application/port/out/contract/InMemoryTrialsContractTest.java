package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.Trials;
import io.mentorium.application.testing.InMemoryTrials;

class InMemoryTrialsContractTest extends TrialsContract {

    @Override
    protected Trials emptyTrials() {
        return new InMemoryTrials();
    }
}
