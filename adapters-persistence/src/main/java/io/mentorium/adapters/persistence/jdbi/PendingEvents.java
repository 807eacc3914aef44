package io.mentorium.adapters.persistence.jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Events recorded inside a {@link JdbiTransactionRunner} transaction wait here, on the transaction's thread, and are
 * written in one statement just before it commits: the event log costs a transaction one insert however many events
 * it records, and an event of a change that rolls back is never written.
 */
final class PendingEvents {

    private static final ThreadLocal<List<EventRow>> OPEN = new ThreadLocal<>();

    private PendingEvents() {
    }

    /** Holds {@code row} for the open transaction; false when none is open (the caller writes it itself). */
    static boolean hold(EventRow row) {
        List<EventRow> open = OPEN.get();
        if (open == null) {
            return false;
        }
        open.add(row);
        // Written into bot.event_log at the commit: a write for the transaction, none of the rows read ahead.
        WriteTally.wroteBesideReadAhead();
        return true;
    }

    /**
     * Runs {@code work} collecting its events, then hands them to {@code flush} (still inside the transaction). A
     * nested call joins the outer collection, as the nested transaction joins the outer one.
     */
    static <T> T collecting(Supplier<T> work, Consumer<List<EventRow>> flush) {
        if (OPEN.get() != null) {
            return work.get();
        }
        List<EventRow> rows = new ArrayList<>(2);
        OPEN.set(rows);
        try {
            T result = work.get();
            if (!rows.isEmpty()) {
                flush.accept(List.copyOf(rows));
            }
            return result;
        } finally {
            OPEN.remove();
        }
    }
}
