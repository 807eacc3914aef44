package io.mentorium.application.port.out.contract;

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
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TransactionRunner} must do together with the repositories of the same store, fakes included: work
 * is committed and visible, its result returned, nested calls run. What a failure undoes is
 * {@link TransactionRollbackContract}'s part, which only runners over a real store can keep.
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
    void nested_calls_commit_with_the_outer_transaction() {
        transactions.inTransaction(() -> {
            transactions.inTransaction(() -> parents.save(newParent(1107)));
            parents.save(newParent(1108));
        });

        assertThat(parents.count()).isEqualTo(2);
    }

    @Test
    void a_nested_call_returns_its_result_to_the_outer_work() {
        String result = transactions.inTransaction(() -> "outer+" + transactions.inTransaction(() -> "inner"));

        assertThat(result).isEqualTo("outer+inner");
    }

    @Test
    void an_exception_from_the_work_is_rethrown_unchanged() {
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            throw failure;
        })).isSameAs(failure);
    }

    protected static Event event(String type) {
        return new Event(type, Optional.of(parentId(1101)), Map.of("k", "v"), minutes(1));
    }
}
