package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.StorageException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns Jdbi and JDBC failures into {@link StorageException}. The message names what was being done, the SQLState and,
 * for a broken constraint, its name: enough to diagnose, and never a stored value. The cause is the underlying
 * {@link SQLException} (nothing from Jdbi crosses the port).
 */
final class Storage {

    private Storage() {
    }

    static <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw failure(action, e);
        }
    }

    static void run(String action, Runnable work) {
        call(action, () -> {
            work.run();
            return null;
        });
    }

    static StorageException failure(String action, Exception e) {
        SQLException sql = sqlCause(e);
        StringBuilder message = new StringBuilder("Could not ").append(action);
        if (sql == null) {
            message.append(": ").append(e.getClass().getSimpleName());
            return new StorageException(message.toString(), e);
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
        return new StorageException(message.toString(), sql);
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
        return new StorageException("Stored " + what + " is not valid: " + e.getClass().getSimpleName(), e);
    }
}
