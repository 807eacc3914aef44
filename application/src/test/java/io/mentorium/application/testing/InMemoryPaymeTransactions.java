package io.mentorium.application.testing;

import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.PaymentId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PayMe transactions in a map, with the database's rules: one live (state 1 or 2) transaction per order, and a PayMe id
 * whose unchangeable facts never change. A save is undone when the fake transaction it ran in rolls back.
 */
public final class InMemoryPaymeTransactions implements PaymeTransactions {

    private final Map<String, PaymeTransaction> transactions = new ConcurrentHashMap<>();

    @Override
    public Optional<PaymeTransaction> find(String paymeId) {
        Objects.requireNonNull(paymeId, "paymeId");
        return Optional.ofNullable(transactions.get(paymeId));
    }

    @Override
    public synchronized Optional<PaymeTransaction> findLiveForOrder(PaymentId orderId) {
        return transactions.values().stream()
                .filter(t -> t.orderId().equals(orderId) && live(t))
                .findFirst();
    }

    @Override
    public synchronized void save(PaymeTransaction transaction) {
        PaymeTransaction previous = transactions.get(transaction.paymeId());
        if (previous != null && !sameFacts(previous, transaction)) {
            throw new StorageException("PayMe transaction " + transaction.paymeId() + " belongs to another order");
        }
        if (live(transaction)) {
            findLiveForOrder(transaction.orderId())
                    .filter(other -> !other.paymeId().equals(transaction.paymeId()))
                    .ifPresent(other -> {
                        throw new StorageException("order " + transaction.orderId() + " already has live PayMe "
                                + "transaction " + other.paymeId());
                    });
        }
        transactions.put(transaction.paymeId(), transaction);
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                if (previous == null) {
                    transactions.remove(transaction.paymeId());
                } else {
                    transactions.put(previous.paymeId(), previous);
                }
            }
        });
    }

    @Override
    public synchronized List<PaymeTransaction> createdBetween(long from, long to) {
        return transactions.values().stream()
                .filter(t -> t.paymeTime() >= from && t.paymeTime() <= to)
                .sorted(Comparator.comparingLong(PaymeTransaction::paymeTime).thenComparing(PaymeTransaction::paymeId))
                .toList();
    }

    /** Every stored transaction, for assertions. */
    public synchronized List<PaymeTransaction> all() {
        return List.copyOf(transactions.values());
    }

    private static boolean live(PaymeTransaction t) {
        return t.state() == 1 || t.state() == 2;
    }

    private static boolean sameFacts(PaymeTransaction a, PaymeTransaction b) {
        return a.orderId().equals(b.orderId()) && a.paymeTime() == b.paymeTime() && a.amountTiyin() == b.amountTiyin()
                && a.transaction().equals(b.transaction()) && a.createTime() == b.createTime();
    }
}
