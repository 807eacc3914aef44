package io.mentorium.adapters.persistence;

import io.mentorium.adapters.persistence.liquibase.LiquibaseRunner;
import io.mentorium.adapters.persistence.liquibase.LiquibaseRunner.Changelog;
import io.mentorium.application.port.out.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import liquibase.changelog.ChangeSet;
import liquibase.exception.LiquibaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the bot's Liquibase changelog ({@value #CHANGELOG}) to its database. Run explicitly at start-up, before any
 * traffic, and by {@code mentorium-bot migrate}; never as a side effect of building the object graph.
 *
 * <p>Everything lands in schema {@value #SCHEMA}, Liquibase's history and lock tables included. Two processes starting
 * together (bot and scheduler) are serialised by a PostgreSQL advisory lock, so they never race to create Liquibase's
 * own tables. Liquibase is set up as for every run of this module ({@link LiquibaseRunner}): no analytics, output to
 * the log.
 */
public final class Migrations {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    public static final String SCHEMA = "bot";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String LOCK_KEY = "mentorium.bot.migrations";

    private Migrations() {
    }

    /**
     * Brings the schema up to date; does nothing when it already is. Logs the change sets it applied.
     *
     * @throws StorageException when the database cannot be reached or a change set fails (the message says which)
     */
    public static void apply(DataSource dataSource) {
        long started = System.nanoTime();
        List<ChangeSet> applied = withLiquibase(dataSource, run -> {
            List<ChangeSet> pending = run.pendingChangeSets();
            if (!pending.isEmpty()) {
                run.update();
            }
            return pending;
        });
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        if (applied.isEmpty()) {
            LOG.info("Database schema {} is up to date ({} ms)", SCHEMA, millis);
        } else {
            LOG.info("Applied {} change set(s) to schema {} in {} ms: {}", applied.size(), SCHEMA, millis,
                    applied.stream().map(ChangeSet::getId).collect(Collectors.joining(", ")));
        }
    }

    /**
     * The change sets {@link #apply} would run, as {@code file::id::author}; empty when the schema is up to date.
     * Creates the schema and Liquibase's tables if they are missing, nothing else.
     */
    public static List<String> pendingChangeSets(DataSource dataSource) {
        return withLiquibase(dataSource,
                run -> run.pendingChangeSets().stream().map(ChangeSet::toString).toList());
    }

    private static <T> T withLiquibase(DataSource dataSource, LiquibaseRunner.Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            lock(connection, true);
            try {
                createSchemaIfMissing(connection);
                return LiquibaseRunner.withLiquibase(connection, new Changelog(CHANGELOG, SCHEMA), work);
            } finally {
                connection.setAutoCommit(true);
                lock(connection, false);
            }
        } catch (SQLException e) {
            throw new StorageException("Could not migrate the bot database (SQLState " + e.getSQLState() + ")", e);
        } catch (LiquibaseException e) {
            throw new StorageException("Could not migrate the bot database: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new StorageException("Could not migrate the bot database: " + e, e);
        }
    }

    private static void lock(Connection connection, boolean take) throws SQLException {
        String function = take ? "pg_advisory_lock" : "pg_advisory_unlock";
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + function + "(hashtextextended(?, 0))")) {
            statement.setString(1, LOCK_KEY);
            statement.execute();
        }
    }

    /**
     * Liquibase keeps its own tables in the schema, so it has to exist before Liquibase starts. Looked up first: a
     * database user without CREATE on the database can still migrate a schema an administrator made for it.
     */
    private static void createSchemaIfMissing(Connection connection) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            exists.setString(1, SCHEMA);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (Statement create = connection.createStatement()) {
            create.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        }
        LOG.info("Created schema {}", SCHEMA);
    }
}
