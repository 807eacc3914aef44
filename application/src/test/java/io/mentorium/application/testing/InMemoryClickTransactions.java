package io.mentorium.application.testing;

import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.PaymentId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Click transactions in memory. Each method is atomic, as a statement is in PostgreSQL, so two threads finishing the
 * same transaction see one winner; changes are undone when the {@link FakeTransaction} they ran in rolls back.
 */
public final class InMemoryClickTransactions implements ClickTransactions {

    private final Map<Long, ClickTransaction> byId = new HashMap<>();
    private long lastPrepareId;

    @Override
    public synchronized Optional<ClickTransaction> find(long clickTransId) {
        return Optional.ofNullable(byId.get(clickTransId));
    }

    @Override
    public synchronized long prepare(long clickTransId, PaymentId orderId, String amount, Instant at) {
        ClickTransaction existing = byId.get(clickTransId);
        if (existing != null) {
            if (!existing.orderId().equals(orderId)) {
                throw new StorageException("click transaction " + clickTransId + " belongs to another order");
            }
            return existing.prepareId();
        }
        ClickTransaction created = new ClickTransaction(clickTransId, orderId, ++lastPrepareId, amount,
                State.PREPARED, at, Optional.empty());
        byId.put(clickTransId, created);
        FakeTransaction.onRollback(() -> remove(clickTransId));
        return created.prepareId();
    }

    @Override
    public synchronized boolean finish(long clickTransId, State state, Instant at) {
        if (state == State.PREPARED) {
            throw new IllegalArgumentException("a transaction finishes CONFIRMED or CANCELLED");
        }
        ClickTransaction current = byId.get(clickTransId);
        if (current == null || current.state() != State.PREPARED) {
            return false;
        }
        byId.put(clickTransId, new ClickTransaction(clickTransId, current.orderId(), current.prepareId(),
                current.amount(), state, current.preparedAt(), Optional.of(at)));
        FakeTransaction.onRollback(() -> restore(current));
        return true;
    }

    private synchronized void remove(long clickTransId) {
        byId.remove(clickTransId);
    }

    private synchronized void restore(ClickTransaction previous) {
        byId.put(previous.clickTransId(), previous);
    }
}
