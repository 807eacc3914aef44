package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.testing.InMemoryDialogRepository;

class InMemoryDialogRepositoryContractTest extends DialogRepositoryContract {

    @Override
    protected DialogRepository emptyRepository() {
        return new InMemoryDialogRepository();
    }
}
