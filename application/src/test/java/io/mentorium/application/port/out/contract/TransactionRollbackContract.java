package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.learner;
import static io.mentorium.application.port.out.contract.ContractData.linked;
import static io.mentorium.application.port.out.contract.ContractData.newParent;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
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
}
