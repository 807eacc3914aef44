package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.testing.FakeTransaction;
import java.util.function.Supplier;

/**
 * Runs work directly, like a database transaction per thread would, without serialising threads (the shared
 * {@code DirectTransactionRunner} holds one lock across all transactions, which would make one chat's slow update
 * block every other chat).
 */
final class ConcurrentTransactionRunner implements TransactionRunner {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return FakeTransaction.run(work);
    }
}
