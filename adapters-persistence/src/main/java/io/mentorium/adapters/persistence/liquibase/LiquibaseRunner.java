package io.mentorium.adapters.persistence.liquibase;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CommandExecutionException;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Every Liquibase run of this module (the bot's migrations, the demo platform install) goes through here, set up the
 * same way: analytics off (there is no network, and nothing should phone home), console output and logging to the log
 * through {@link Slf4jLogService} (in console mode stdout is the conversation), changelogs read from the class path.
 *
 * <p>The connection is the caller's: it takes any lock and creates the schema before, and closes the connection after.
 * Liquibase turns auto-commit off while it works; it is back as it was when {@link #withLiquibase} returns.
 */
public final class LiquibaseRunner {

    private static final String ANALYTICS_PROPERTY = "liquibase.analytics.enabled";

    private LiquibaseRunner() {
    }

    /**
     * A changelog and where it goes.
     *
     * @param path         the changelog, a class-path resource
     * @param schema       Liquibase works in this schema and keeps its history and lock tables there; it must exist
     * @param historyTable the name of Liquibase's history table, or null for Liquibase's own
     * @param lockTable    the name of Liquibase's lock table, or null for Liquibase's own
     * @param parameters   the changelog's {@code ${...}} parameters, exactly these (no system properties)
     */
    public record Changelog(String path, String schema, String historyTable, String lockTable,
                           Map<String, String> parameters) {

        public Changelog {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(schema, "schema");
            parameters = Map.copyOf(parameters);
        }

        /** Liquibase's own table names, no parameters. */
        public Changelog(String path, String schema) {
            this(path, schema, null, null, Map.of());
        }
    }

    /** What a caller does with Liquibase set up. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Run run) throws Exception;
    }

    /** One changelog on one connection, for the duration of {@link #withLiquibase}. */
    public static final class Run {

        private final Liquibase liquibase;
        private final Database database;
        private final Changelog changelog;

        private Run(Liquibase liquibase, Database database, Changelog changelog) {
            this.liquibase = liquibase;
            this.database = database;
            this.changelog = changelog;
        }

        /** The change sets {@link #update} would apply, in order; empty when the schema is up to date. */
        public List<ChangeSet> pendingChangeSets() throws LiquibaseException {
            return liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression());
        }

        /** Applies the pending change sets; Liquibase's summary goes to the log. */
        public void update() throws CommandExecutionException {
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.path())
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS,
                            liquibase.getChangeLogParameters())
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .execute();
        }
    }

    /** Runs {@code work} with Liquibase set up for {@code changelog} on {@code connection}, which stays open. */
    public static <T> T withLiquibase(Connection connection, Changelog changelog, Work<T> work) throws Exception {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(changelog, "changelog");
        if (System.getProperty(ANALYTICS_PROPERTY) == null) {
            // Also for whatever Liquibase reads outside the scope below (its global configuration), unless someone
            // chose otherwise.
            System.setProperty(ANALYTICS_PROPERTY, "false");
        }
        ResourceAccessor resources = new ClassLoaderResourceAccessor(LiquibaseRunner.class.getClassLoader());
        Map<String, Object> scope = Map.of(
                AnalyticsArgs.ENABLED.getKey(), Boolean.FALSE,
                Scope.Attr.ui.name(), new LoggerUIService(),
                Scope.Attr.logService.name(), new Slf4jLogService(),
                Scope.Attr.resourceAccessor.name(), resources);
        return Scope.child(scope, () -> {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new BorrowedConnection(connection));
            try (Liquibase liquibase = new Liquibase(changelog.path(), resources, configure(database, changelog))) {
                changelog.parameters().forEach(liquibase::setChangeLogParameter);
                return work.run(new Run(liquibase, database, changelog));
            } // closing restores auto-commit and releases what Liquibase keeps about the database; not the connection
        });
    }

    /** Applies {@code changelog}'s pending change sets on {@code connection}, which stays open. */
    public static void update(Connection connection, Changelog changelog) throws Exception {
        withLiquibase(connection, changelog, run -> {
            run.update();
            return null;
        });
    }

    private static Database configure(Database database, Changelog changelog) throws DatabaseException {
        database.setDefaultSchemaName(changelog.schema());
        database.setLiquibaseSchemaName(changelog.schema());
        if (changelog.historyTable() != null) {
            database.setDatabaseChangeLogTableName(changelog.historyTable());
        }
        if (changelog.lockTable() != null) {
            database.setDatabaseChangeLogLockTableName(changelog.lockTable());
        }
        return database;
    }

    /** The caller's connection: Liquibase closing its database must leave it open. */
    private static final class BorrowedConnection extends JdbcConnection {

        BorrowedConnection(Connection connection) {
            super(connection);
        }

        @Override
        public void close() {
            // the caller's to close
        }
    }
}
