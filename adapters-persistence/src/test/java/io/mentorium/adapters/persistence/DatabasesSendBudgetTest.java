package io.mentorium.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.adapters.persistence.platform.PlatformSchema;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.application.port.out.SendBudget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The send budget has connections of its own: a relay's draw, on which a reply without a permit waits, never queues
 * behind the transactions that hold the bot's pool, nor behind the relay's other draw.
 */
class DatabasesSendBudgetTest {

    @TempDir
    Path dataDir;

    @Test
    void permits_are_drawn_while_every_connection_of_the_bots_pool_is_taken() throws SQLException {
        try (Databases databases = migrated(1)) {
            SendBudget budget = PersistenceModule.sendBudget(databases);
            long second = Instant.now().getEpochSecond();
            HikariDataSource botPool = (HikariDataSource) databases.botDataSource();

            try (Connection taken = botPool.getConnection()) {
                taken.setAutoCommit(false);
                assertThat(botPool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(1);
                assertThat(botPool.getHikariPoolMXBean().getIdleConnections()).isZero();

                // Through the bot's pool this would wait out its 10 s connection timeout and fail.
                SendBudget.Grant grant = budget.draw(second, 5, 10);

                assertThat(grant.granted()).isEqualTo(5);
                assertThat(budget.draw(second, 1, 5).granted()).as("the five counted in the shared row").isZero();
                taken.rollback();
            }
        }
    }

    @Test
    void a_replies_draw_goes_to_the_database_while_a_background_draw_is_out() throws Exception {
        try (Databases databases = migrated(2)) {
            SendBudget budget = PersistenceModule.sendBudget(databases);
            long second = Instant.now().getEpochSecond();
            ExecutorService relay = Executors.newFixedThreadPool(2);
            try (Connection locker = databases.botDataSource().getConnection();
                 Connection watcher = databases.botDataSource().getConnection()) {
                // Holds the budget's row as a busy database would hold a draw: both draws go in and wait on it.
                locker.setAutoCommit(false);
                locker.createStatement().execute("SELECT * FROM bot.send_budget WHERE id = 1 FOR UPDATE");
                Future<SendBudget.Grant> background = relay.submit(() -> budget.draw(second, 3, 8));
                Future<SendBudget.Grant> replies = relay.submit(() -> budget.draw(second, 2, 10));

                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                // Asked over a connection of its own: within the locker's transaction the view would not change.
                while (backendsWaitingForALock(watcher) < 2) {
                    assertThat(System.nanoTime()).as("both draws at the database, not one waiting for a connection")
                            .isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                }
                locker.rollback();

                assertThat(background.get(20, TimeUnit.SECONDS).granted()).isEqualTo(3);
                assertThat(replies.get(20, TimeUnit.SECONDS).granted()).isEqualTo(2);
            } finally {
                relay.shutdownNow();
            }
        }
    }

    /** A fresh bot database, migrated, with a read-write pool of {@code poolSize} connections. */
    private Databases migrated(int poolSize) {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        Databases databases = Databases.open(new PersistenceSettings(Optional.of(MigratedDatabase.settings(db)),
                poolSize, Optional.empty(), PlatformSchema.DEFAULT, dataDir), false);
        try {
            databases.migrate(Clock.systemUTC());
            return databases;
        } catch (RuntimeException failure) {
            databases.close();
            throw failure;
        }
    }

    private static int backendsWaitingForALock(Connection connection) throws SQLException {
        try (var rows = connection.createStatement().executeQuery("""
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock'""")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
