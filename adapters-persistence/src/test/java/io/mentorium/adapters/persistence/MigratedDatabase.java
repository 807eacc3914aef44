package io.mentorium.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh database of its own ({@link TestDatabase}) with the bot's changelog applied through {@link Migrations}, a
 * read-write pool as production builds it, and the project's {@link Jdbi}. One per test class; {@link #truncate()}
 * empties the bot's tables between tests.
 */
public final class MigratedDatabase implements AutoCloseable {

    private static final String BOT_TABLES = "bot.parents, bot.parent_learners, bot.link_attempts, bot.payments, "
            + "bot.subscription_grants, bot.dialog_messages, bot.report_history, bot.event_log";

    private final TestDatabase.Database database;
    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private MigratedDatabase(TestDatabase.Database database, HikariDataSource pool, Jdbi jdbi) {
        this.database = database;
        this.pool = pool;
        this.jdbi = jdbi;
    }

    public static MigratedDatabase create() {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Migrations.apply(database.dataSource());
        HikariDataSource pool = DatabasePools.readWrite(settings(database), 4);
        return new MigratedDatabase(database, pool, JdbiFactory.create(pool));
    }

    public static DatabaseSettings settings(TestDatabase.Database database) {
        return DatabaseSettings.of(database.jdbcUrl(), database.user(), database.password());
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public TestDatabase.Database database() {
        return database;
    }

    public HikariDataSource pool() {
        return pool;
    }

    public void truncate() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE " + BOT_TABLES + " RESTART IDENTITY"));
    }

    @Override
    public void close() {
        pool.close();
    }
}
