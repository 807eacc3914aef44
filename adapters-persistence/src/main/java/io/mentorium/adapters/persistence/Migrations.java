package io.mentorium.adapters.persistence;

import io.mentorium.adapters.persistence.liquibase.Slf4jLogService;
import io.mentorium.application.port.out.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the bot's Liquibase changelog ({@value #CHANGELOG}) to its database. Run explicitly at start-up, before any
 * traffic, and by {@code mentorium-bot migrate}; never as a side effect of building the object graph.
 *
 * <p>Everything lands in schema {@value #SCHEMA}, Liquibase's history and lock tables included. Two processes starting
 * together (bot and scheduler) are serialised by a PostgreSQL advisory lock, so they never race to create Liquibase's
 * own tables. Liquibase's analytics are off (there is no network, and nothing should phone home) and its console
 * output goes to the log: in console mode stdout is the conversation.
 */
public final class Migrations {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";
    public static final String SCHEMA = "bot";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String ANALYTICS_PROPERTY = "liquibase.analytics.enabled";
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
        List<ChangeSet> applied = withLiquibase(dataSource, (liquibase, database) -> {
            List<ChangeSet> pending = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression());
            if (!pending.isEmpty()) {
                new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                        .execute();
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
        return withLiquibase(dataSource, (liquibase, database) -> liquibase
                .listUnrunChangeSets(new Contexts(), new LabelExpression()).stream().map(ChangeSet::toString).toList());
    }

    @FunctionalInterface
    private interface LiquibaseWork<T> {
        T run(Liquibase liquibase, Database database) throws Exception;
    }

    private static <T> T withLiquibase(DataSource dataSource, LiquibaseWork<T> work) {
        if (System.getProperty(ANALYTICS_PROPERTY) == null) {
            // Also for whatever Liquibase reads outside the scope below (its global configuration).
            System.setProperty(ANALYTICS_PROPERTY, "false");
        }
        ResourceAccessor resources = new ClassLoaderResourceAccessor(Migrations.class.getClassLoader());
        Map<String, Object> scope = Map.of(
                AnalyticsArgs.ENABLED.getKey(), Boolean.FALSE,
                Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.logService.name(), new Slf4jLogService(),
                Scope.Attr.resourceAccessor.name(), resources);
        try {
            return Scope.child(scope, () -> {
                Connection connection = dataSource.getConnection();
                Liquibase liquibase = null;
                try {
                    connection.setAutoCommit(true);
                    lock(connection, true);
                    try {
                        createSchemaIfMissing(connection);
                        Database database = DatabaseFactory.getInstance()
                                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                        database.setDefaultSchemaName(SCHEMA);
                        database.setLiquibaseSchemaName(SCHEMA);
                        liquibase = new Liquibase(CHANGELOG, resources, database);
                        return work.run(liquibase, database);
                    } finally {
                        connection.setAutoCommit(true);
                        lock(connection, false);
                    }
                } finally {
                    if (liquibase != null) {
                        liquibase.close(); // closes the database, and with it the connection
                    } else {
                        connection.close();
                    }
                }
            });
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
