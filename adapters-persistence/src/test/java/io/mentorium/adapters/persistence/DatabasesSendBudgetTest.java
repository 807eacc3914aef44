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
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The send budget has a connection of its own: a relay's draw, on which a reply without a permit waits, never queues
 * behind the transactions that hold the bot's pool.
 */
class DatabasesSendBudgetTest {

    @TempDir
    Path dataDir;

    @Test
    void permits_are_drawn_while_every_connection_of_the_bots_pool_is_taken() throws SQLException {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        try (Databases databases = Databases.open(new PersistenceSettings(Optional.of(MigratedDatabase.settings(db)),
                1, Optional.empty(), PlatformSchema.DEFAULT, dataDir), false)) {
            databases.migrate(Clock.systemUTC());
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
}
