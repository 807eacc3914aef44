package io.mentorium.application.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The little of a database transaction the pipeline relies on, for the in-memory fakes: a fake that changes state the
 * pipeline must see undone on rollback (the inbox's marks) registers an undo here, and the fake transaction runners
 * run the undos, newest first, when the work throws. Nested calls join the outer transaction.
 */
public final class FakeTransaction {

    private static final ThreadLocal<List<Runnable>> UNDO = new ThreadLocal<>();

    private FakeTransaction() {
    }

    /** Runs {@code work} as one transaction on this thread. */
    public static <T> T run(Supplier<T> work) {
        if (UNDO.get() != null) {
            return work.get();
        }
        List<Runnable> undo = new ArrayList<>();
        UNDO.set(undo);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            throw e;
        } finally {
            UNDO.remove();
        }
    }

    /** Registers how to undo a change if the current transaction (if any) rolls back. */
    public static void onRollback(Runnable undo) {
        List<Runnable> current = UNDO.get();
        if (current != null) {
            current.add(undo);
        }
    }

    /**
     * Changes registered for undo in this thread's transaction so far: what a runner needs to tell whether a unit of
     * {@code inTransactionEach} wrote (only differences matter).
     */
    public static long writes() {
        List<Runnable> current = UNDO.get();
        return current == null ? 0 : current.size();
    }
}
