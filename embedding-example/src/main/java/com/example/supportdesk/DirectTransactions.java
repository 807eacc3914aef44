package com.example.supportdesk;

import io.mentorium.application.port.out.TransactionRunner;
import java.util.function.Supplier;

/**
 * The transaction port for a host whose storage has no transactions (here: maps in memory). The use cases call it to
 * make several writes atomic; without a database there is nothing to open or commit, so the work simply runs.
 */
final class DirectTransactions implements TransactionRunner {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
