package io.mentorium.adapters.persistence.testing;

import io.mentorium.adapters.persistence.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Real PostgreSQL for tests: one throw-away embedded server per test JVM, started on first use (about 2 s) and stopped
 * at JVM exit, and a new empty database for every {@link #freshDatabase()} call, so test classes never see each
 * other's rows. Typical use, once per test class:
 *
 * <pre>{@code
 * private static final TestDatabase.Database DB = TestDatabase.freshDatabase();
 * ... Jdbi.create(DB.dataSource()) ...
 * }</pre>
 */
public final class TestDatabase {

    /**
     * A database of its own. {@link #dataSource()} opens a new physical connection per call (no pool, nothing to
     * close); wrap {@link #jdbcUrl()} in Hikari when the pool itself is under test.
     */
    public record Database(String name, String jdbcUrl, String user, String password, DataSource dataSource) {
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static RuntimeException startFailure;

    private TestDatabase() {
    }

    /** A new, empty database ({@code test_<n>}) on the shared server. */
    public static Database freshDatabase() {
        EmbeddedPostgres pg = server();
        String name = "test_" + COUNTER.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), pg.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(pg.jdbcUrl(name));
        dataSource.setUser(pg.user());
        dataSource.setPassword(pg.password());
        return new Database(name, pg.jdbcUrl(name), pg.user(), pg.password(), dataSource);
    }

    /** The shared server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (startFailure != null) {
            // Fail every later test the same way instead of retrying a start that cannot work.
            throw new IllegalStateException("The test PostgreSQL did not start: " + startFailure.getMessage(),
                    startFailure);
        }
        if (server == null) {
            try {
                server = EmbeddedPostgres.startEphemeral();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return server;
    }
}
