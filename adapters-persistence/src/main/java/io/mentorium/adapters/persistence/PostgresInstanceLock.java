package io.mentorium.adapters.persistence;

import io.mentorium.application.port.out.InstanceLock;
import io.mentorium.application.port.out.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock ({@code pg_try_advisory_lock}) held on a connection of its own. The
 * connection is opened with the same settings as the bot's pool but outside it: a pooled connection goes back to the
 * pool (and to other work) while the lock must live exactly as long as the session, and the pool may recycle it at any
 * time. When the process dies the server ends the session and the lock is free again.
 *
 * <p>The lock key is the first eight bytes of SHA-256 over {@code "mentorium:" + name}, read as a signed big-endian
 * long ({@link #keyOf}). It is computed here rather than by a server hash function so it does not depend on the
 * PostgreSQL version; operators find it in {@code pg_locks} (locktype {@code advisory}, {@code classid} the high and
 * {@code objid} the low 32 bits, {@code objsubid} 1).
 */
public final class PostgresInstanceLock implements InstanceLock {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresInstanceLock.class);
    private static final String APPLICATION_NAME = "mentorium-instance-lock";
    private static final int VALIDITY_TIMEOUT_SECONDS = 2;

    private final DatabaseSettings settings;

    public PostgresInstanceLock(DatabaseSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** @throws StorageException when the database cannot be reached */
    @Override
    public Optional<Held> tryAcquire(String name) {
        long key = keyOf(name);
        Connection connection = connect();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            boolean acquired;
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                acquired = result.getBoolean(1);
            }
            if (!acquired) {
                closeQuietly(connection);
                return Optional.empty();
            }
            return Optional.of(new PostgresHeld(name, key, connection));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StorageException("Could not take the lock " + name + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /** The advisory-lock key of a lock name; stable across versions of this code and of PostgreSQL. */
    static long keyOf(String name) {
        Objects.requireNonNull(name, "name");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("mentorium:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Connection connect() {
        Properties properties = new Properties();
        settings.user().ifPresent(user -> properties.setProperty("user", user));
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("logServerErrorDetail", "false");
        properties.setProperty("connectTimeout", "10");
        // A lost peer (the server's host gone) must show up in stillHeld() rather than leave a dead socket forever.
        properties.setProperty("tcpKeepAlive", "true");
        try {
            Connection connection = DriverManager.getConnection(settings.url(), properties);
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new StorageException("Could not connect to the bot database at " + settings.redactedUrl()
                    + " to take a lock (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a lock connection failed (SQLState {})", e.getSQLState());
        }
    }

    private static final class PostgresHeld implements Held {

        private final String name;
        private final long key;
        private final Connection connection;
        private boolean closed;

        PostgresHeld(String name, long key, Connection connection) {
            this.name = name;
            this.key = key;
            this.connection = connection;
        }

        /** A session-level lock lasts as long as its session, so a live connection means the lock is still ours. */
        @Override
        public synchronized boolean stillHeld() {
            if (closed) {
                return false;
            }
            try {
                return connection.isValid(VALIDITY_TIMEOUT_SECONDS);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            // Unlocking explicitly matters little (closing the session releases it too) but frees it at once even
            // if the close below lingers on a slow network.
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
            } catch (SQLException e) {
                LOG.warn("Could not release the lock {} explicitly (SQLState {}); closing its connection releases it",
                        name, e.getSQLState());
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
