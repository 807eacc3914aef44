package io.mentorium.adapters.persistence.embedded;

/**
 * The embedded PostgreSQL could not be started or reached. The message is meant for the operator as is: it names the
 * directory, the log file and, where there is one, the way out (usually: set {@code DATABASE_URL}).
 */
public final class EmbeddedPostgresException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
