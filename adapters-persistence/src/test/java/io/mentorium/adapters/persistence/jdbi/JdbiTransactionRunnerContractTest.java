package io.mentorium.adapters.persistence.jdbi;

import static io.mentorium.application.port.out.contract.ContractData.newParent;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.contract.TransactionRollbackContract;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves that repositories calling {@code jdbi.withExtension}/{@code useTransaction} join the transaction
 * {@link JdbiTransactionRunner} opened on the same thread: the rollback cases would fail otherwise. And that its
 * units of work run again only when one that failed had written: the case that makes a batch of chats' updates cheap.
 */
class JdbiTransactionRunnerContractTest extends TransactionRollbackContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @Override
    protected Store emptyStore() {
        db.truncate();
        return new Store(new JdbiTransactionRunner(db.jdbi()), new JdbiParentRepository(db.jdbi()),
                new JdbiEventLog(db.jdbi()));
    }

    @Test
    void the_others_run_once_when_the_unit_that_failed_only_read() {
        AtomicInteger runs = new AtomicInteger();

        transactions.inTransactionEach(List.<Supplier<Integer>>of(
                () -> {
                    parents.save(newParent(1201));
                    return runs.incrementAndGet();
                },
                () -> {
                    parents.findById(parentId(1201));
                    throw new IllegalStateException("needs a platform read first");
                }), outcomes -> outcomes);

        assertThat(runs).hasValue(1);
        assertThat(parents.findById(parentId(1201))).isPresent();
    }

    @Test
    void the_others_run_again_without_the_unit_that_failed_after_writing() {
        AtomicInteger runs = new AtomicInteger();

        List<TransactionRunner.Unit<Integer>> outcomes = transactions.inTransactionEach(List.<Supplier<Integer>>of(
                () -> {
                    parents.save(newParent(1202));
                    return runs.incrementAndGet();
                },
                () -> {
                    parents.save(newParent(1203));
                    throw new IllegalStateException("fails after writing");
                }), done -> done);

        assertThat(runs).hasValue(2);
        assertThat(outcomes.get(0)).isEqualTo(new TransactionRunner.Unit.Done<>(2));
        assertThat(outcomes.get(1)).isInstanceOf(TransactionRunner.Unit.Left.class);
        assertThat(parents.findById(parentId(1202))).isPresent();
        assertThat(parents.findById(parentId(1203))).isEmpty();
    }

    @Test
    void only_a_plain_select_counts_as_a_read() {
        assertThat(WriteTally.readOnly("SELECT 1")).isTrue();
        assertThat(WriteTally.readOnly("\n  select p.id FROM bot.parents p")).isTrue();
        assertThat(WriteTally.readOnly("SELECT\tstep FROM bot.conversations")).isTrue();
        assertThat(WriteTally.readOnly("WITH x AS (INSERT INTO t VALUES (1) RETURNING id) SELECT id FROM x")).isFalse();
        assertThat(WriteTally.readOnly("UPDATE bot.inbox_updates SET state = 1")).isFalse();
        assertThat(WriteTally.readOnly("INSERT INTO t SELECT 1")).isFalse();
        assertThat(WriteTally.readOnly("SELECTED")).isFalse();
        assertThat(WriteTally.readOnly("")).isFalse();
        assertThat(WriteTally.readOnly(null)).isFalse();
    }
}
