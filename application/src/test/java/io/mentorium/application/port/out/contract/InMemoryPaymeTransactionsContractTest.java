package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.testing.InMemoryPaymeTransactions;

class InMemoryPaymeTransactionsContractTest extends PaymeTransactionsContract {

    @Override
    protected PaymeTransactions emptyStore() {
        return new InMemoryPaymeTransactions();
    }
}
