package io.mentorium.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database of its own ({@link TestDatabase}) with the bot's changelog applied through {@link Migrations}, a
 * read-write pool as production builds it, and the project's {@link Jdbi}. One per test class, as a JUnit extension:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MigratedDatabase db = new MigratedDatabase();
 * }</pre>
 *
 * <p>It is created before the class's tests and its pool closed after them; {@link #truncate()} empties the bot's
 * tables between tests.
 */
public final class MigratedDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String BOT_TABLES = "bot.parents, bot.parent_learners, bot.link_attempts, bot.payments, "
            + "bot.subscription_grants, bot.dialog_messages, bot.report_history, bot.event_log, bot.inbox_updates, "
            + "bot.outbox_messages, bot.conversations, bot.assistant_questions, bot.click_transactions, "
            + "bot.payme_transactions, bot.merchant_keys, bot.trial_learners, bot.trials, bot.notification_history, "
            + "bot.staff_roles, bot.broadcast_recipients, bot.broadcasts, bot.send_budget, bot.job_runs";

    private HikariDataSource pool;
    private Jdbi jdbi;

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Migrations.apply(database.dataSource());
        pool = DatabasePools.readWrite(settings(database), 4);
        jdbi = JdbiFactory.create(pool);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        pool.close();
    }

    public static DatabaseSettings settings(TestDatabase.Database database) {
        return DatabaseSettings.of(database.jdbcUrl(), database.user(), database.password());
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public void truncate() {
        jdbi.useHandle(handle -> handle.execute("TRUNCATE " + BOT_TABLES + " RESTART IDENTITY"));
    }
}
