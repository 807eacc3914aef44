package io.mentorium.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.application.port.out.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabasePoolsTest {

    private static TestDatabase.Database db;

    @BeforeAll
    static void createTable() throws SQLException {
        db = TestDatabase.freshDatabase();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (x integer)");
            statement.execute("INSERT INTO probe VALUES (1)");
        }
    }

    @Test
    void the_platform_pool_refuses_writes_even_in_auto_commit_mode() throws SQLException {
        try (HikariDataSource pool = DatabasePools.readOnlyPlatform(MigratedDatabase.settings(db))) {
            assertThat(pool.getPoolName()).isEqualTo("mentorium-platform");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(DatabasePools.DEFAULT_PLATFORM_POOL_SIZE);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                assertThat(connection.getAutoCommit()).isTrue();
                assertThatThrownBy(() -> statement.execute("INSERT INTO probe VALUES (2)"))
                        .isInstanceOf(SQLException.class)
                        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006"); // read_only_sql_transaction
                assertThatThrownBy(() -> statement.execute("CREATE TABLE sneaky (x integer)"))
                        .isInstanceOf(SQLException.class);
            }
            Jdbi jdbi = JdbiFactory.create(pool);
            assertThatThrownBy(() -> jdbi.useTransaction(h -> h.execute("DELETE FROM probe")))
                    .hasRootCauseInstanceOf(SQLException.class);
            int rows = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM probe").mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
        }
    }

    @Test
    void the_bot_pool_reads_and_writes_with_the_configured_size() {
        try (HikariDataSource pool = DatabasePools.readWrite(MigratedDatabase.settings(db), 3)) {
            assertThat(pool.getPoolName()).isEqualTo("mentorium-bot");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.isReadOnly()).isFalse();
            Jdbi jdbi = JdbiFactory.create(pool);
            jdbi.useHandle(h -> h.execute("INSERT INTO probe VALUES (3)"));
            jdbi.useHandle(h -> h.execute("DELETE FROM probe WHERE x = 3"));
        }
    }

    @Test
    void an_unreachable_database_is_reported_without_credentials() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:postgresql://127.0.0.1:1/nowhere?password=in-url",
                "someone", "top-secret");

        assertThatThrownBy(() -> DatabasePools.readWrite(settings, 2))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("bot database at jdbc:postgresql://127.0.0.1:1/nowhere")
                .hasMessageNotContaining("top-secret")
                .hasMessageNotContaining("in-url");
    }

    @Test
    void settings_never_show_the_password_and_refuse_other_databases() {
        DatabaseSettings settings = DatabaseSettings.of(" jdbc:postgresql://db:5432/bot?password=in-url ", "bot", "pw");

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db:5432/bot?password=in-url");
        assertThat(settings.toString()).contains("jdbc:postgresql://db:5432/bot").doesNotContain("pw").doesNotContain("in-url");
        assertThat(DatabaseSettings.of("jdbc:postgresql://db/bot", " ", "").user()).isEmpty();
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://db/bot", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabasePools.readWrite(settings, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
