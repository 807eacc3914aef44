package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform database that does not answer until the test lets it, and a bot database pool of a single connection:
 * while one parent's link code is being checked against the slow platform, another chat must still be answered. Before
 * platform reads were moved out of the bot's transaction, the linking chat held the only bot connection for as long as
 * the platform took, and every other chat waited behind it.
 *
 * <p>The platform is held back by a lock the test holds rather than by a fixed pause: the other chat is answered while
 * the platform read is certainly still waiting, however slowly a busy machine gets there, and the test does not wait
 * out a pause once it has seen that.
 */
class SlowPlatformEndToEndTest {

    /** The advisory lock (its key, in SQL) every read of the slow platform waits for while the test holds it. */
    private static final String PLATFORM_GATE = "hashtextextended('mentorium.test.slow-platform', 0)";

    @TempDir
    Path dataDir;

    @Test
    void otherChatsAreAnsweredWhileOneWaitsForASlowPlatform() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        try (BotApiStandIn telegram = BotApiStandIn.start()) {
            Map<String, String> env = BotRunEndToEndTest.environment(telegram, database, dataDir);
            BotRunEndToEndTest.migrateWithDemoData(env);
            slowPlatformViews(database);
            env.put("DATABASE_POOL_SIZE", "1");
            env.put("PLATFORM_DATABASE_URL", database.jdbcUrl());
            env.put("PLATFORM_SCHEMA", "slow_platform");
            try (BotRuntime bot = BotRuntime.start(env, Clock.systemUTC(), BotRunEndToEndTest::fastSends)) {
                TelegramChat linking = new TelegramChat(telegram, 7201, "en");
                TelegramChat other = new TelegramChat(telegram, 7202, "en");
                linking.command("start", "Please choose your language");
                linking.press("English", "guardian e-mail");
                linking.type("aziza.karimova@example.com", "Now send the link code");
                other.command("start", "Please choose your language");

                Connection gate = closedPlatform(database);
                try {
                    telegram.enqueueUpdates(linking.person().text("481516"));
                    Eventually.until("the platform read under way", () -> platformReadsWaiting(database) > 0,
                            Duration.ofSeconds(30));
                    // The help itself, not just any text: an error reply once the pool gave up waiting must not pass.
                    other.command("help", "What I can do");

                    assertThat(platformReadsWaiting(database)).as("the platform read still waiting").isPositive();
                    assertThat(linking.texts()).noneMatch(text -> text.contains("Is this your child?"));
                } finally {
                    // The session ends, and its lock with it: the platform answers.
                    gate.close();
                }
                linking.awaitText("Is this your child?");
            }
        }
    }

    /** The platform's relations behind views that wait, once per query, for the gate to be open. */
    private static void slowPlatformViews(TestDatabase.Database database) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA slow_platform");
            for (String relation : new String[] {"learners", "guardians", "link_codes", "courses", "enrollments",
                    "activities"}) {
                // Shared, and for the transaction only: reads pass one another, and leave nothing held behind.
                statement.execute("CREATE VIEW slow_platform." + relation + " AS SELECT t.* FROM platform." + relation
                        + " t CROSS JOIN (SELECT pg_advisory_xact_lock_shared(" + PLATFORM_GATE + ")) AS gate");
            }
            statement.execute("GRANT USAGE ON SCHEMA slow_platform TO PUBLIC");
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA slow_platform TO PUBLIC");
        }
    }

    /** A session of its own holding the gate closed: closing the session opens it. */
    private static Connection closedPlatform(TestDatabase.Database database) throws SQLException {
        Connection connection = connect(database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + PLATFORM_GATE + ")");
            return connection;
        } catch (SQLException | RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    private static Connection connect(TestDatabase.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    /** Platform reads waiting for the gate. */
    private static long platformReadsWaiting(TestDatabase.Database database) {
        return RestartExactlyOnceTest.count(database, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                + " AND wait_event = 'advisory' AND query LIKE '%slow_platform%'"
                + " AND query NOT LIKE '%pg_stat_activity%'");
    }
}
