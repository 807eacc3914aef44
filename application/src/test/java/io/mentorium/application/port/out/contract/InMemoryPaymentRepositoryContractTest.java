package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.PaymentRepository;
import io.mentorium.application.testing.InMemoryPaymentRepository;

class InMemoryPaymentRepositoryContractTest extends PaymentRepositoryContract {

    @Override
    protected PaymentRepository emptyRepository() {
        return new InMemoryPaymentRepository();
    }
}
