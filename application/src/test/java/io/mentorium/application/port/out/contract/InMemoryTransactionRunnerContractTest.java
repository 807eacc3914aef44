package io.mentorium.application.port.out.contract;

import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryParentRepository;

/**
 * {@link DirectTransactionRunner} with the in-memory repositories. The fakes keep no undo log, so they implement only
 * {@link TransactionRunnerContract}, not {@link TransactionRollbackContract}: use-case tests must therefore not rely on
 * a rollback happening.
 */
class InMemoryTransactionRunnerContractTest extends TransactionRunnerContract {

    @Override
    protected Store emptyStore() {
        return new Store(new DirectTransactionRunner(), new InMemoryParentRepository(), new InMemoryEventLog());
    }
}
