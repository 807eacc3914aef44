package io.mentorium.application.port.out.contract;

import static io.mentorium.application.port.out.contract.ContractData.learner;
import static io.mentorium.application.port.out.contract.ContractData.linked;
import static io.mentorium.application.port.out.contract.ContractData.minutes;
import static io.mentorium.application.port.out.contract.ContractData.newParent;
import static io.mentorium.application.port.out.contract.ContractData.parentId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.EventLog.Event;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.Language;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TransactionRunner} must do together with the repositories of the same store: work is committed,
 * an exception undoes every write made through the repositories inside, nested calls join the outer transaction.
 */
public abstract class TransactionRunnerContract {

    /** A transaction runner and two repositories over one empty store. */
    public record Store(TransactionRunner transactions, ParentRepository parents, EventLog events) {
    }

    protected TransactionRunner transactions;
    protected ParentRepository parents;
    protected EventLog events;

    protected abstract Store emptyStore();

    @BeforeEach
    final void startEmpty() {
        Store store = emptyStore();
        transactions = store.transactions();
        parents = store.parents();
        events = store.events();
    }

    @Test
    void the_work_is_committed_and_its_result_returned() {
        String result = transactions.inTransaction(() -> {
            parents.save(newParent(1101));
            events.record(event("parent.registered"));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(parents.findById(parentId(1101))).contains(newParent(1101));
        assertThat(events.recent(10)).hasSize(1);
    }

    @Test
    void runnable_work_is_committed() {
        transactions.inTransaction(() -> parents.save(newParent(1102)));

        assertThat(parents.findById(parentId(1102))).isPresent();
    }

    @Test
    void writes_are_visible_inside_the_transaction_that_made_them() {
        Optional<Parent> seenInside = transactions.inTransaction(() -> {
            parents.save(newParent(1103));
            return parents.findById(parentId(1103));
        });

        assertThat(seenInside).contains(newParent(1103));
    }

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
    void nested_calls_commit_with_the_outer_transaction() {
        transactions.inTransaction(() -> {
            transactions.inTransaction(() -> parents.save(newParent(1107)));
            parents.save(newParent(1108));
        });

        assertThat(parents.count()).isEqualTo(2);
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

    private static Event event(String type) {
        return new Event(type, Optional.of(parentId(1101)), Map.of("k", "v"), minutes(1));
    }
}
