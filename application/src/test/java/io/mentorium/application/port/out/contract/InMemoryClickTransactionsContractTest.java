package io.mentorium.application.port.out.contract;

import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.testing.InMemoryClickTransactions;

class InMemoryClickTransactionsContractTest extends ClickTransactionsContract {

    @Override
    protected ClickTransactions emptyStore() {
        return new InMemoryClickTransactions();
    }
}
