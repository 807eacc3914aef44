package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.testing.InMemoryParentRepository;

class InMemoryParentRepositoryContractTest extends ParentRepositoryContract {

    @Override
    protected ParentRepository emptyRepository() {
        return new InMemoryParentRepository();
    }
}
