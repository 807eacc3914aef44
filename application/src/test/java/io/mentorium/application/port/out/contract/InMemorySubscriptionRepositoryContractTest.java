package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.testing.InMemorySubscriptionRepository;

class InMemorySubscriptionRepositoryContractTest extends SubscriptionRepositoryContract {

    @Override
    protected SubscriptionRepository emptyRepository() {
        return new InMemorySubscriptionRepository();
    }
}
