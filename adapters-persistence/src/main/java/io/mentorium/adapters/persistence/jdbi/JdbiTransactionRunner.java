package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.TransactionRunner;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * One database transaction on the calling thread, as the hex-thai-star TransactionPort does it:
 * {@code jdbi.inTransaction(handle -> work.get())}. Jdbi binds the open handle to the thread, and the repositories'
 * {@code jdbi.withExtension}/{@code useTransaction} calls on the <em>same {@link Jdbi} instance</em> reuse it, so
 * everything they do inside {@code work} commits or rolls back together. A nested call joins the outer transaction.
 * An exception thrown by {@code work} rolls back and is rethrown unchanged. Events recorded through
 * {@link JdbiEventLog} inside {@code work} are written in one statement at the end of it ({@link PendingEvents}).
 *
 * <p>{@link #inTransactionEach} knows whether a unit that failed had written anything ({@link WriteTally}): a unit
 * that only read (a chat's update that needs the platform first, say) is left out and the others go on in the same
 * transaction; only a unit that wrote before failing costs a rollback and a second run of the others.
 */
public final class JdbiTransactionRunner implements TransactionRunner {

    private final Jdbi jdbi;

    public JdbiTransactionRunner(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        WriteTally.install(jdbi);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return ReadAhead.within(() -> Storage.call("run a transaction", () -> jdbi.inTransaction(
                handle -> PendingEvents.collecting(work, rows -> handle.attach(EventLogDao.class).insert(rows)))));
    }

    @Override
    public <T, R> R inTransactionEach(List<Supplier<T>> units, Function<List<Unit<T>>, R> then) {
        return TransactionRunner.inTransactionEach(this, units, then, WriteTally::count);
    }
}
