package io.mentorium.application.pipeline;

import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.testing.FakeTransaction;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bot database with a given number of connections (one transaction per connection at a time) that counts its
 * transactions and knows whether the calling thread is inside one.
 */
final class CountedConnections implements TransactionRunner {

    private final Semaphore connections;
    private final AtomicInteger count = new AtomicInteger();
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);

    CountedConnections(int connections) {
        this.connections = new Semaphore(connections);
    }

    /** Transactions begun so far. */
    int count() {
        return count.get();
    }

    boolean inside() {
        return inside.get();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (inside.get()) {
            return work.get();
        }
        connections.acquireUninterruptibly();
        count.incrementAndGet();
        inside.set(true);
        try {
            return FakeTransaction.run(work);
        } finally {
            inside.set(false);
            connections.release();
        }
    }
}
