package io.mentorium.application.testing;

import io.mentorium.application.port.out.TransactionRunner;
import java.util.function.Supplier;

/** Runs work directly and counts transactions, so use-case tests can assert that writes happen inside one. */
public final class DirectTransactionRunner implements TransactionRunner {

    private int depth;
    private int transactions;

    @Override
    public synchronized <T> T inTransaction(Supplier<T> work) {
        if (depth == 0) {
            transactions++;
        }
        depth++;
        try {
            return FakeTransaction.run(work);
        } finally {
            depth--;
        }
    }

    public synchronized boolean inTransaction() {
        return depth > 0;
    }

    public synchronized int transactions() {
        return transactions;
    }
}
