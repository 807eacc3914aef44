package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.testing.FakeTransaction;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs work directly, like a database transaction per thread would, without serialising threads (the shared
 * {@code DirectTransactionRunner} holds one lock across all transactions, which would make one chat's slow update
 * block every other chat). Units of {@link #inTransactionEach} that failed without changing anything are left out
 * without running the others again, as the database runner does: every fake a unit of the pipeline tests changes
 * registers its undo ({@link FakeTransaction#writes}).
 */
final class ConcurrentTransactionRunner implements TransactionRunner {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return FakeTransaction.run(work);
    }

    @Override
    public <T, R> R inTransactionEach(List<Supplier<T>> units, Function<List<Unit<T>>, R> then) {
        return TransactionRunner.inTransactionEach(this, units, then, FakeTransaction::writes);
    }
}
