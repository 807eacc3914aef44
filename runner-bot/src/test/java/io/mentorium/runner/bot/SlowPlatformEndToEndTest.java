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
 * A platform database that takes seconds to answer, and a bot database pool of a single connection: while one parent's
 * link code is being checked against the slow platform, another chat must still be answered at once. Before platform
 * reads were moved out of the bot's transaction, the linking chat held the only bot connection for as long as the
 * platform took, and every other chat waited behind it.
 */
class SlowPlatformEndToEndTest {

    private static final Duration PLATFORM_PAUSE = Duration.ofSeconds(4);

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

                telegram.enqueueUpdates(linking.person().text("481516"));
                Eventually.until("the platform read under way", () -> slowQueriesRunning(database) > 0,
                        Duration.ofSeconds(30));
                long asked = System.nanoTime();
                other.command("help", "");
                Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);

                assertThat(answeredIn).as("the other chat waited for the platform").isLessThan(PLATFORM_PAUSE);
                assertThat(linking.texts()).noneMatch(text -> text.contains("Is this your child?"));
                linking.awaitText("Is this your child?");
            }
        }
    }

    /** The platform's relations behind views that pause once per query. */
    private static void slowPlatformViews(TestDatabase.Database database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA slow_platform");
            for (String relation : new String[] {"learners", "guardians", "link_codes", "courses", "enrollments",
                    "activities"}) {
                statement.execute("CREATE VIEW slow_platform." + relation + " AS SELECT t.* FROM platform." + relation
                        + " t CROSS JOIN (SELECT pg_sleep(" + PLATFORM_PAUSE.toSeconds() + ")) AS pause");
            }
            statement.execute("GRANT USAGE ON SCHEMA slow_platform TO PUBLIC");
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA slow_platform TO PUBLIC");
        }
    }

    private static long slowQueriesRunning(TestDatabase.Database database) {
        return RestartExactlyOnceTest.count(database, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                + " AND query LIKE '%slow_platform%' AND query NOT LIKE '%pg_stat_activity%'");
    }
}
