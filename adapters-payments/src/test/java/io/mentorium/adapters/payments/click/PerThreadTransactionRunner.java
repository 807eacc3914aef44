package io.mentorium.adapters.payments.click;

import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.testing.FakeTransaction;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fake transaction per thread that, unlike {@code DirectTransactionRunner}, does not serialise threads: two
 * concurrent callbacks really overlap, as they do over PostgreSQL, and only the adapter's own claim keeps them apart.
 * Rollbacks undo what the in-memory fakes registered with {@link FakeTransaction}.
 */
final class PerThreadTransactionRunner implements TransactionRunner {

    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private final AtomicInteger transactions = new AtomicInteger();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (depth.get() == 0) {
            transactions.incrementAndGet();
        }
        depth.set(depth.get() + 1);
        try {
            return FakeTransaction.run(work);
        } finally {
            depth.set(depth.get() - 1);
        }
    }

    boolean active() {
        return depth.get() > 0;
    }

    int transactions() {
        return transactions.get();
    }
}
