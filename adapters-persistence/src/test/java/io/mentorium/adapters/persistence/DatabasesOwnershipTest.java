package io.mentorium.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.demo.DemoRefusedException;
import io.mentorium.adapters.persistence.platform.PlatformSchema;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may write where: the platform pool never, demo data only into what this process owns. */
class DatabasesOwnershipTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-18T04:30:00Z"), ZoneOffset.UTC);
    private static final String READ_ONLY_SQL_TRANSACTION = "25006";

    @TempDir
    Path dataDir;

    private PersistenceSettings external(TestDatabase.Database bot, Optional<TestDatabase.Database> platform) {
        return new PersistenceSettings(Optional.of(MigratedDatabase.settings(bot)), 2,
                platform.map(MigratedDatabase::settings), PlatformSchema.DEFAULT, dataDir);
    }

    private PersistenceSettings embedded() {
        return new PersistenceSettings(Optional.empty(), 2, Optional.empty(), PlatformSchema.DEFAULT, dataDir);
    }

    private static void execute(TestDatabase.Database db, String... statements) throws SQLException {
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long count(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    /** INSERT, UPDATE and DELETE through the platform pool each fail as the server refusing a write. */
    private static void assertWritesFail(Jdbi platform, String table, String insert) {
        for (String write : List.of(insert, "UPDATE " + table + " SET id = id", "DELETE FROM " + table)) {
            assertThatThrownBy(() -> platform.useHandle(h -> h.execute(write)))
                    .as(write)
                    .rootCause()
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo(READ_ONLY_SQL_TRANSACTION);
        }
    }

    @Test
    void platformPoolRefusesWritesWhenThePlatformIsTheBotsDatabase() throws SQLException {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        execute(db, "CREATE SCHEMA platform", "CREATE TABLE platform.learners (id text)",
                "INSERT INTO platform.learners VALUES ('L-1')");
        try (Databases databases = Databases.open(external(db, Optional.empty()), false)) {
            assertWritesFail(databases.platformJdbi(), "platform.learners",
                    "INSERT INTO platform.learners VALUES ('L-2')");
            assertThat(count(databases.platformJdbi(), "platform.learners")).isEqualTo(1);
            // The bot's own pool on the same database writes: the refusal is the platform pool's, not the server's.
            databases.botJdbi().useHandle(h -> h.execute("INSERT INTO platform.learners VALUES ('L-3')"));
            assertThat(count(databases.platformJdbi(), "platform.learners")).isEqualTo(2);
        }
    }

    @Test
    void platformPoolRefusesWritesToAPlatformDatabaseOfItsOwn() throws SQLException {
        TestDatabase.Database bot = TestDatabase.freshDatabase();
        TestDatabase.Database platform = TestDatabase.freshDatabase();
        execute(platform, "CREATE SCHEMA platform", "CREATE TABLE platform.learners (id text)",
                "INSERT INTO platform.learners VALUES ('L-1')");
        try (Databases databases = Databases.open(external(bot, Optional.of(platform)), false)) {
            databases.migrate(CLOCK);
            assertWritesFail(databases.platformJdbi(), "platform.learners",
                    "INSERT INTO platform.learners VALUES ('L-2')");
            assertThatThrownBy(() -> databases.platformJdbi().useHandle(h -> h.execute("CREATE TABLE platform.x (i int)")))
                    .rootCause().isInstanceOf(SQLException.class);
            assertThat(count(databases.platformJdbi(), "platform.learners")).isEqualTo(1);
        }
    }

    @Test
    void demoIsRefusedWithAPlatformUrlBeforeAnythingIsOpened() throws SQLException {
        TestDatabase.Database bot = TestDatabase.freshDatabase();
        TestDatabase.Database platform = TestDatabase.freshDatabase();
        execute(platform, "CREATE SCHEMA platform", "CREATE TABLE platform.learners (id text)",
                "INSERT INTO platform.learners VALUES ('L-1')");

        assertThatThrownBy(() -> Databases.open(external(bot, Optional.of(platform)), true))
                .isInstanceOf(DemoRefusedException.class)
                .hasMessageContaining("PLATFORM_DATABASE_URL");
        assertThatThrownBy(() -> Databases.open(external(platform, Optional.of(platform)), true))
                .isInstanceOf(DemoRefusedException.class);

        try (Databases reader = Databases.open(external(bot, Optional.of(platform)), false)) {
            assertThat(count(reader.platformJdbi(), "platform.learners")).isEqualTo(1);
        }
    }

    @Test
    void demoIntoTheBotsDatabaseLeavesASchemaItDidNotCreateAlone() throws SQLException {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        execute(db, "CREATE SCHEMA platform", "CREATE TABLE platform.learners (id text)",
                "INSERT INTO platform.learners VALUES ('REAL-1')");
        try (Databases databases = Databases.open(external(db, Optional.empty()), true)) {
            assertThatThrownBy(() -> databases.migrate(CLOCK))
                    .isInstanceOf(DemoRefusedException.class)
                    .hasMessageContaining("schema platform")
                    .hasMessageContaining("PLATFORM_SCHEMA");
            List<String> ids = databases.platformJdbi().withHandle(h -> h.createQuery("SELECT id FROM platform.learners")
                    .mapTo(String.class).list());
            assertThat(ids).containsExactly("REAL-1");
        }
    }

    @Test
    void demoIntoAFreshSchemaOfTheBotsDatabaseLoadsAndReloads() {
        TestDatabase.Database db = TestDatabase.freshDatabase();
        try (Databases databases = Databases.open(external(db, Optional.empty()), true)) {
            assertThat(databases.migrate(CLOCK).demoDataLoaded()).isTrue();
            long learners = count(databases.platformJdbi(), "platform.learners");
            assertThat(learners).isPositive();

            assertThat(databases.migrate(CLOCK).demoDataLoaded()).isTrue();
            assertThat(count(databases.platformJdbi(), "platform.learners")).isEqualTo(learners);
        }
    }

    @Test
    void embeddedDemoIsLoadedByTheServersOwnerOnlyAndItsPlatformPoolIsReadOnly() {
        try (Databases owner = Databases.open(embedded(), false)) {
            assertThat(owner.migrate(CLOCK).demoDataLoaded()).isTrue();
            long learners = count(owner.platformJdbi(), "platform.learners");
            assertWritesFail(owner.platformJdbi(), "platform.learners", "INSERT INTO platform.learners "
                    + "(id, full_name, grade, timezone, active) VALUES ('X-1', 'X', '1', 'UTC', true)");
            assertThat(count(owner.platformJdbi(), "platform.learners")).isEqualTo(learners);

            // Someone changes the demo the owner serves; a process joining the server must not reset it under them.
            owner.botJdbi().useHandle(h -> h.execute("DELETE FROM platform.activities"));
            try (Databases joiner = Databases.open(embedded(), true)) {
                assertThat(joiner.migrate(CLOCK).demoDataLoaded()).isFalse();
                assertThat(count(joiner.platformJdbi(), "platform.activities")).isZero();
                assertWritesFail(joiner.platformJdbi(), "platform.learners", "INSERT INTO platform.learners "
                        + "(id, full_name, grade, timezone, active) VALUES ('X-1', 'X', '1', 'UTC', true)");
            }
        }
    }
}
