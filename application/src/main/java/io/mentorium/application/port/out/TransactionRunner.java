package io.mentorium.application.port.out;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs work in one transaction of the bot's database on the calling thread. Repositories called inside join it.
 * Never call Telegram, OpenAI or a payment provider inside: do it before, after, or through an outbox.
 */
public interface TransactionRunner {

    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * What became of one unit of {@link #inTransactionEach}: done with a value, or left out with what it threw.
     *
     * @param <T> the unit's value
     */
    sealed interface Unit<T> {

        record Done<T>(T value) implements Unit<T> {
        }

        /** The unit threw: nothing it wrote is committed. */
        record Left<T>(RuntimeException failure) implements Unit<T> {

            public Left {
                Objects.requireNonNull(failure, "failure");
            }
        }
    }

    /**
     * Runs units of work one after another in one transaction, each as if it had a transaction of its own: a unit that
     * throws is left out, nothing it wrote is committed, and the others go on. Then {@code then} runs, in the same
     * transaction, with every unit's outcome in the order given; whatever it throws rolls everything back and is
     * thrown. One connection, one begin and one commit for all the units: what makes many small units (one per chat's
     * update) cheap.
     *
     * <p>Units must be repeatable: leaving out a unit after it wrote may mean running the others again in a fresh
     * transaction. A {@link StorageException} from any unit ends the whole transaction (a database error leaves
     * nothing to go on with): nothing is committed and it is thrown.
     *
     * <p>This default undoes a unit that threw by rolling back and running the others again without it; a runner that
     * can tell whether a unit wrote anything does better.
     */
    default <T, R> R inTransactionEach(List<Supplier<T>> units, Function<List<Unit<T>>, R> then) {
        return inTransactionEach(this, units, then, null);
    }

    /**
     * {@link #inTransactionEach(List, Function)} on {@code runner}, for runners that can tell whether a unit wrote.
     *
     * @param writes what this thread may have written so far, counted (only differences matter); null when the runner
     *               cannot tell, and every unit that throws is taken to have written
     */
    static <T, R> R inTransactionEach(TransactionRunner runner, List<Supplier<T>> units,
                                      Function<List<Unit<T>>, R> then, LongSupplier writes) {
        Objects.requireNonNull(then, "then");
        List<Supplier<T>> all = List.copyOf(units);
        Map<Integer, RuntimeException> left = new HashMap<>();
        while (true) {
            try {
                return runner.inTransaction(() -> {
                    List<Unit<T>> outcomes = new ArrayList<>(all.size());
                    for (int i = 0; i < all.size(); i++) {
                        RuntimeException failedBefore = left.get(i);
                        if (failedBefore != null) {
                            outcomes.add(new Unit.Left<>(failedBefore));
                            continue;
                        }
                        long before = writes == null ? 0 : writes.getAsLong();
                        try {
                            outcomes.add(new Unit.Done<>(all.get(i).get()));
                        } catch (StorageException e) {
                            throw e;
                        } catch (RuntimeException e) {
                            if (writes == null || writes.getAsLong() != before) {
                                throw new UnitFailed(i, e);
                            }
                            // It wrote nothing: the transaction goes on without it.
                            outcomes.add(new Unit.Left<>(e));
                        }
                    }
                    return then.apply(outcomes);
                });
            } catch (UnitFailed failed) {
                left.put(failed.index(), failed.failure());
            }
        }
    }

    /** How a unit's failure leaves a transaction that must be rolled back before the others run again. */
    final class UnitFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int index;
        private final transient RuntimeException failure;

        public UnitFailed(int index, RuntimeException failure) {
            super("unit " + index + " failed", null, false, false);
            this.index = index;
            this.failure = failure;
        }

        public int index() {
            return index;
        }

        public RuntimeException failure() {
            return failure;
        }
    }
}
