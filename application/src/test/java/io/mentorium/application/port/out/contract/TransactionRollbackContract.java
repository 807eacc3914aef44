package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.learner;
import static io.mentorium.application.port.out.contract.ContractData.linked;
import static io.mentorium.application.port.out.contract.ContractData.newParent;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What a {@link TransactionRunner} over a real store must do on top of {@link TransactionRunnerContract}: an exception
 * undoes every write made through the repositories inside, nested calls join the outer transaction and roll back with
 * it, and the store stays usable afterwards.
 *
 * <p>The in-memory fakes keep no undo log and do not implement this: use-case tests must not rely on a rollback.
 */
public abstract class TransactionRollbackContract extends TransactionRunnerContract {

    @Test
    void an_exception_rolls_back_every_write_made_inside_and_is_rethrown_unchanged() {
        Parent existing = linked(newParent(1104), "L1", "mom@example.com", 1);
        parents.save(existing);
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            Parent changed = parents.findById(parentId(1104)).orElseThrow();
            changed.unlink(learner("L1"));
            changed.changeLanguage(Language.EN);
            parents.save(changed);
            parents.save(newParent(1105));
            events.record(event("learner.unlinked"));
            throw failure;
        })).isSameAs(failure);

        assertThat(parents.findById(parentId(1104))).contains(existing);
        assertThat(parents.findLinkedTo(learner("L1"))).containsExactly(existing);
        assertThat(parents.findById(parentId(1105))).isEmpty();
        assertThat(events.recent(10)).isEmpty();
    }

    @Test
    void nested_calls_join_the_outer_transaction_and_roll_back_with_it() {
        IllegalStateException failure = new IllegalStateException("outer fails after inner finished");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            String inner = transactions.inTransaction(() -> {
                parents.save(newParent(1106));
                return "inner";
            });
            assertThat(inner).isEqualTo("inner");
            events.record(event("after.inner"));
            throw failure;
        })).isSameAs(failure);

        assertThat(parents.findById(parentId(1106))).isEmpty();
        assertThat(events.recent(10)).isEmpty();
    }

    @Test
    void a_rolled_back_transaction_leaves_the_store_usable() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            parents.save(newParent(1109));
            throw new IllegalArgumentException("bad input");
        })).isInstanceOf(IllegalArgumentException.class);

        transactions.inTransaction(() -> parents.save(newParent(1110)));

        assertThat(parents.findById(parentId(1109))).isEmpty();
        assertThat(parents.findById(parentId(1110))).isPresent();
    }

    @Test
    void units_run_in_one_transaction_and_the_one_that_failed_after_writing_leaves_nothing_behind() {
        IllegalStateException failure = new IllegalStateException("unit 2 fails after writing");

        List<String> seen = transactions.inTransactionEach(List.<Supplier<Long>>of(
                () -> save(1111),
                () -> {
                    parents.save(newParent(1112));
                    events.record(event("parent.registered"));
                    throw failure;
                },
                () -> save(1113)), TransactionRollbackContract::describe);

        assertThat(seen).containsExactly("done 1111", "left: unit 2 fails after writing", "done 1113");
        assertThat(parents.findById(parentId(1111))).isPresent();
        assertThat(parents.findById(parentId(1112))).isEmpty();
        assertThat(parents.findById(parentId(1113))).isPresent();
        assertThat(events.recent(10)).isEmpty();
    }

    @Test
    void a_unit_that_failed_after_only_reading_is_left_out_and_the_others_commit() {
        List<String> seen = transactions.inTransactionEach(List.<Supplier<Long>>of(
                () -> save(1114),
                () -> {
                    parents.findById(parentId(1114));
                    throw new IllegalStateException("needs something first");
                },
                () -> save(1115)), TransactionRollbackContract::describe);

        assertThat(seen).containsExactly("done 1114", "left: needs something first", "done 1115");
        assertThat(parents.findById(parentId(1114))).isPresent();
        assertThat(parents.findById(parentId(1115))).isPresent();
    }

    @Test
    void an_event_recorded_by_a_unit_that_then_failed_is_not_written() {
        transactions.inTransactionEach(List.<Supplier<Long>>of(
                () -> {
                    events.record(event("never.happened"));
                    throw new IllegalStateException("fails after recording");
                },
                () -> save(1116)), TransactionRollbackContract::describe);

        assertThat(events.recent(10)).isEmpty();
        assertThat(parents.findById(parentId(1116))).isPresent();
    }

    @Test
    void what_then_throws_rolls_every_unit_back() {
        IllegalStateException failure = new IllegalStateException("then fails");

        assertThatThrownBy(() -> transactions.inTransactionEach(List.<Supplier<Long>>of(
                () -> save(1117), () -> save(1118)), outcomes -> {
                    throw failure;
                })).isSameAs(failure);

        assertThat(parents.findById(parentId(1117))).isEmpty();
        assertThat(parents.findById(parentId(1118))).isEmpty();
    }

    @Test
    void a_storage_failure_in_a_unit_ends_the_transaction_with_nothing_committed() {
        StorageException failure = new StorageException("connection lost");

        assertThatThrownBy(() -> transactions.inTransactionEach(List.<Supplier<Long>>of(
                () -> save(1119),
                () -> {
                    throw failure;
                },
                () -> save(1120)), TransactionRollbackContract::describe)).isSameAs(failure);

        assertThat(parents.findById(parentId(1119))).isEmpty();
        assertThat(parents.findById(parentId(1120))).isEmpty();
    }

    private long save(long id) {
        parents.save(newParent(id));
        return id;
    }

    private static List<String> describe(List<TransactionRunner.Unit<Long>> outcomes) {
        return outcomes.stream().map(outcome -> switch (outcome) {
            case TransactionRunner.Unit.Done<Long> done -> "done " + done.value();
            case TransactionRunner.Unit.Left<Long> left -> "left: " + left.failure().getMessage();
        }).toList();
    }
}
