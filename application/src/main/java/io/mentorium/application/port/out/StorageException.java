package io.mentorium.application.port.out;

import java.util.Objects;

/**
 * A storage adapter could not do its work. Adapters translate their library's exceptions into this one: the message
 * names what was being done and how it failed (an SQLState, a constraint name) but never a stored value, and the
 * library's exception is not attached, so nothing from JDBC, Jdbi or Hikari crosses a port.
 *
 * <p>The {@link Category} is what callers decide on: a transient failure may succeed if tried again later, a permanent
 * one will fail the same way however often it is tried, so retrying it only blocks whatever waits behind it.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whether trying again can help. */
    public enum Category {
        /** Connection lost or refused, serialization failure, deadlock, timeout, server shutting down or overloaded. */
        TRANSIENT,
        /** The statement or the data is wrong (a broken constraint, a value the database refuses): retrying cannot help. */
        PERMANENT
    }

    private final Category category;

    public StorageException(Category category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    /** A transient failure: the usual case when a database is unreachable. */
    public StorageException(String message) {
        this(Category.TRANSIENT, message);
    }

    /**
     * For start-up code outside the ports (migrations, pools, the instance lock), where the cause is worth a stack
     * trace and never travels through a port.
     */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
        this.category = Category.TRANSIENT;
    }

    public Category category() {
        return category;
    }

    public boolean transientFailure() {
        return category == Category.TRANSIENT;
    }
}
