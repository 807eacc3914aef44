package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.shared.PaymentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Click's Prepare/Complete exchanges in {@code bot.click_transactions}. Every call joins the transaction the
 * {@code TransactionRunner} opened on this thread, so a Complete's row and the order it pays commit together.
 */
public final class JdbiClickTransactions implements ClickTransactions {

    private final Jdbi jdbi;

    public JdbiClickTransactions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<ClickTransaction> find(long clickTransId) {
        return Storage.call("load a Click transaction",
                () -> jdbi.withExtension(ClickTransactionDao.class, dao -> dao.find(clickTransId)))
                .map(JdbiClickTransactions::toTransaction);
    }

    @Override
    public long prepare(long clickTransId, PaymentId orderId, String amount, Instant at) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        Optional<Long> prepareId = Storage.call("record a Click prepare", () -> jdbi.inTransaction(handle -> {
            ClickTransactionDao dao = handle.attach(ClickTransactionDao.class);
            dao.insertPrepared(clickTransId, orderId.value(), amount, at);
            return dao.prepareIdOf(clickTransId, orderId.value());
        }));
        // Empty only when the id is already stored for another order: Click never reuses an id, so this is a forged
        // or corrupted request, and handing out the other order's prepare id would tie the two together.
        return prepareId.orElseThrow(() -> new StorageException(StorageException.Category.PERMANENT,
                "Could not record a Click prepare: click transaction " + clickTransId + " belongs to another order"));
    }

    @Override
    public boolean finish(long clickTransId, State state, Instant at) {
        Objects.requireNonNull(at, "at");
        if (state == State.PREPARED) {
            throw new IllegalArgumentException("a transaction finishes CONFIRMED or CANCELLED");
        }
        int moved = Storage.call("finish a Click transaction",
                () -> jdbi.withExtension(ClickTransactionDao.class, dao -> dao.finish(clickTransId, state.name(), at)));
        return moved == 1;
    }

    private static ClickTransaction toTransaction(ClickTransactionRow row) {
        try {
            return new ClickTransaction(row.clickTransId(), new PaymentId(row.orderId()), row.prepareId(), row.amount(),
                    State.valueOf(row.state()), row.preparedAt(), Optional.ofNullable(row.finishedAt()));
        } catch (RuntimeException e) {
            throw Storage.corrupt("Click transaction " + row.clickTransId(), e);
        }
    }
}
