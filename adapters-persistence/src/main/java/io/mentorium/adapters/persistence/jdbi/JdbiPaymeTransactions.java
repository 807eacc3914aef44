package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.PaymentId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * PayMe transactions in {@code bot.payme_transactions}. Each operation is one statement and joins the caller's
 * transaction. Two things make concurrent PayMe calls safe: {@link #find} locks the row it finds until the caller's
 * transaction ends (a repeated Perform waits for the first and then sees it performed), and a partial unique index
 * refuses a second live transaction for one order (the loser of two concurrent Creates fails with
 * {@link StorageException} and, retried, finds the winner).
 */
public final class JdbiPaymeTransactions implements PaymeTransactions {

    private final Jdbi jdbi;

    public JdbiPaymeTransactions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<PaymeTransaction> find(String paymeId) {
        Objects.requireNonNull(paymeId, "paymeId");
        return Storage.call("load a PayMe transaction",
                () -> jdbi.withExtension(PaymeTransactionDao.class, dao -> dao.findForUpdate(paymeId)))
                .map(JdbiPaymeTransactions::toTransaction);
    }

    @Override
    public Optional<PaymeTransaction> findLiveForOrder(PaymentId orderId) {
        return Storage.call("load an order's live PayMe transaction",
                () -> jdbi.withExtension(PaymeTransactionDao.class, dao -> dao.findLive(orderId.value())))
                .map(JdbiPaymeTransactions::toTransaction);
    }

    @Override
    public void save(PaymeTransaction t) {
        int written = Storage.call("save a PayMe transaction", () -> jdbi.withExtension(PaymeTransactionDao.class,
                dao -> dao.upsert(t.paymeId(), t.orderId().value(), t.paymeTime(), t.amountTiyin(), t.transaction(),
                        t.state(), t.createTime(), t.performTime(), t.cancelTime(), t.reason().orElse(null))));
        if (written != 1) {
            throw new StorageException(StorageException.Category.PERMANENT, "Could not save PayMe transaction "
                    + t.paymeId() + ": its id belongs to one with another order, time, amount or creation");
        }
    }

    @Override
    public List<PaymeTransaction> createdBetween(long from, long to) {
        if (from > to) {
            return List.of();
        }
        return Storage.call("list PayMe transactions",
                () -> jdbi.withExtension(PaymeTransactionDao.class, dao -> dao.between(from, to)))
                .stream().map(JdbiPaymeTransactions::toTransaction).toList();
    }

    private static PaymeTransaction toTransaction(PaymeTransactionRow row) {
        try {
            return new PaymeTransaction(row.paymeId(), new PaymentId(row.orderId()), row.paymeTime(), row.amountTiyin(),
                    row.transaction(), row.state(), row.createTime(), row.performTime(), row.cancelTime(),
                    Optional.ofNullable(row.reason()));
        } catch (RuntimeException e) {
            throw Storage.corrupt("PayMe transaction " + row.paymeId(), e);
        }
    }
}
