package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.StorageException.Category;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns Jdbi, Hikari and JDBC failures into {@link StorageException}. The message names what was being done, the
 * SQLState and, for a broken constraint, its name: enough to diagnose, and never a stored value (PostgreSQL's own
 * message and detail quote the values, so they are left out). No library exception is attached: none may cross a port.
 * The category says whether trying again can help (see {@link #categoryOf}).
 */
public final class Storage {

    private Storage() {
    }

    public static <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw failure(action, e);
        }
    }

    /**
     * Rows per retention statement: small enough that a purge never holds many row locks or runs one long statement
     * while a parent's update waits on it.
     */
    static final int RETENTION_CHUNK = 5_000;

    /**
     * Repeats a statement that handles at most {@code chunk} rows (a purge in chunks) until one handles fewer; each run
     * is its own statement, and outside a caller's transaction its own transaction.
     *
     * @return how many rows all runs handled
     */
    static int inChunks(String action, int chunk, IntSupplier oneChunk) {
        int total = 0;
        int done;
        do {
            done = call(action, oneChunk::getAsInt);
            total += done;
        } while (done >= chunk);
        return total;
    }

    /** A chunk size for {@link #inChunks}, checked when an adapter is built: a chunk of no rows would never end. */
    static int chunk(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("chunk must be at least 1, got " + rows);
        }
        return rows;
    }

    static void run(String action, Runnable work) {
        call(action, () -> {
            work.run();
            return null;
        });
    }

    public static StorageException failure(String action, Exception e) {
        SQLException sql = sqlCause(e);
        StringBuilder message = new StringBuilder("Could not ").append(action);
        if (sql == null) {
            // A Jdbi failure without a SQL cause: a connection that could not be had or was closed under us.
            message.append(": ").append(e.getClass().getSimpleName());
            return new StorageException(Category.TRANSIENT, message.toString());
        }
        ServerErrorMessage server = serverMessage(sql);
        String state = server != null && server.getSQLState() != null ? server.getSQLState() : sql.getSQLState();
        message.append(" (SQLState ").append(state);
        if (server != null) {
            if (server.getConstraint() != null) {
                message.append(", constraint ").append(server.getConstraint());
            } else if (server.getTable() != null) {
                message.append(", table ").append(server.getTable());
            }
        }
        message.append(')');
        return new StorageException(categoryOf(sql, state), message.toString());
    }

    /**
     * Transient: connection exceptions (class 08), serialization failures and deadlocks (40001, 40P01), lock and
     * statement timeouts (55P03, 57014), the server shutting down or not accepting connections yet (57P01–57P03),
     * insufficient resources (53), system errors such as I/O (58), and whatever the driver or Hikari flags as
     * transient or recoverable (a pool that timed out waiting for a connection). Everything else — invalid data (22),
     * a broken constraint (23), a wrong statement (42) — is permanent.
     */
    static Category categoryOf(SQLException sql, String state) {
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return Category.TRANSIENT;
        }
        if (state == null || state.length() != 5) {
            return Category.TRANSIENT;
        }
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("58") || state.startsWith("57P")) {
            return Category.TRANSIENT;
        }
        return switch (state) {
            case "40001", "40P01", "55P03", "57014" -> Category.TRANSIENT;
            default -> Category.PERMANENT;
        };
    }

    /** The server's own report; for a batch, it hangs off the BatchUpdateException as the next exception. */
    private static ServerErrorMessage serverMessage(SQLException sql) {
        for (SQLException s = sql; s != null; s = s.getNextException()) {
            if (s instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
            if (s.getNextException() == s) {
                break;
            }
        }
        return null;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Enum names, sorted, for a {@code text[]} column. */
    static String[] names(Iterable<? extends Enum<?>> values) {
        List<String> names = new ArrayList<>();
        values.forEach(value -> names.add(value.name()));
        names.sort(null);
        return names.toArray(String[]::new);
    }

    /** A stored value the schema should have refused: the database was changed behind the bot's back. */
    static StorageException corrupt(String what, RuntimeException e) {
        return new StorageException(Category.PERMANENT, "Stored " + what + " is not valid: "
                + e.getClass().getSimpleName());
    }
}
