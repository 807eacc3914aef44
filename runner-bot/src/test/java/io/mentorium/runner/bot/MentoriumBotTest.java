package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executable's command line, configuration errors and {@code migrate}, on real embedded PostgreSQL. */
class MentoriumBotTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-18T10:00:00Z"), ZoneOffset.UTC);
    private static final String TOKEN = "123456789:AAE_secretsecretsecretsecretsecret1";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return MentoriumBot.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryContractCommandAndExitsZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("run", "console", "check-config", "migrate", "--as", "Exit codes");
    }

    @Test
    void unknownCommandIsAUsageErrorWithExitCodeTwo() {
        assertThat(run(Map.of(), "serve")).isEqualTo(2);
        assertThat(err()).contains("unknown command serve").contains("Usage:");
    }

    @Test
    void checkConfigNamesEveryWrongVariableWithoutEchoingSecrets() {
        Map<String, String> env = Map.of(
                "TELEGRAM_BOT_TOKEN", "not-a-token-but-secret",
                "DATABASE_POOL_SIZE", "lots",
                "PAYME_KEY", "payme-secret-key",
                "GRACE_PERIOD_DAYS", "-1",
                "DEFAULT_LOCALE", "de",
                "PLAN_PRICES_UZS", "month=99000",
                "HTTP_PORT", "70000");

        assertThat(run(env, "check-config")).isEqualTo(2);

        assertThat(err()).contains("TELEGRAM_BOT_TOKEN", "DATABASE_POOL_SIZE", "PAYME_MERCHANT_ID", "GRACE_PERIOD_DAYS",
                "DEFAULT_LOCALE", "PLAN_PRICES_UZS", "HTTP_PORT");
        assertThat(err()).doesNotContain("not-a-token-but-secret").doesNotContain("payme-secret-key");
    }

    @Test
    void checkConfigRequiresTheTokenThatRunNeeds() {
        assertThat(run(Map.of(), "check-config")).isEqualTo(2);
        assertThat(err()).contains("TELEGRAM_BOT_TOKEN: is required");
    }

    @Test
    void validConfigurationIsSummarisedWithSecretsMasked() {
        Map<String, String> env = Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "OPENAI_API_KEY", "sk-very-secret",
                "DATABASE_URL", "jdbc:postgresql://db.internal:5432/bot", "DATABASE_PASSWORD", "db-secret");

        assertThat(run(env, "check-config")).isZero();

        assertThat(out()).contains("Configuration is valid", "123456789:***", "db.internal:5432/bot");
        assertThat(out()).doesNotContain("secretsecret").doesNotContain("sk-very-secret").doesNotContain("db-secret");
    }

    @Test
    void migrateOnTheEmbeddedDefaultCreatesTheSchemaLoadsDemoDataAndIsRepeatable(@TempDir Path dataDir) throws SQLException {
        Map<String, String> env = Map.of("MENTORIUM_DATA_DIR", dataDir.toString(), "LOG_LEVEL", "WARN");

        assertThat(run(env, "migrate")).as(err()).isZero();
        assertThat(out()).contains("change set(s) applied", "demo platform data loaded");
        out.reset();
        assertThat(run(env, "migrate")).as(err()).isZero();
        assertThat(out()).contains("(0 change set(s) applied");

        // The server was stopped on exit; start it again on the same directory and look at what migrate left.
        try (EmbeddedPostgres server = EmbeddedPostgres.startOrJoin(dataDir);
             Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
            assertThat(count(connection, "select count(*) from bot.parents")).isZero();
            assertThat(count(connection, "select count(*) from platform.learners")).isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void migrateAgainstAConfiguredDatabaseUrlLeavesThePlatformAlone() throws SQLException {
        try (EmbeddedPostgres external = EmbeddedPostgres.startEphemeral()) {
            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", external.jdbcUrl());
            env.put("DATABASE_USER", external.user());
            env.put("LOG_LEVEL", "WARN");

            assertThat(run(env, "migrate")).as(err()).isZero();

            try (Connection connection = DriverManager.getConnection(external.jdbcUrl(), external.user(), external.password())) {
                assertThat(count(connection, "select count(*) from information_schema.tables where table_schema = 'bot'"))
                        .isGreaterThanOrEqualTo(8);
                assertThat(count(connection, "select count(*) from information_schema.schemata where schema_name = 'platform'"))
                        .as("no demo data without --demo").isZero();
            }
        }
    }

    /** A server holding a "real" platform: schema platform with one learner the demo never wrote. */
    private static void realPlatform(EmbeddedPostgres server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
            connection.createStatement().execute("CREATE SCHEMA platform");
            connection.createStatement().execute("CREATE TABLE platform.learners (id text)");
            connection.createStatement().execute("INSERT INTO platform.learners VALUES ('REAL-1')");
        }
    }

    private static long realLearners(EmbeddedPostgres server) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
            return count(connection, "select count(*) from platform.learners where id = 'REAL-1'");
        }
    }

    @Test
    void demoWithAPlatformDatabaseUrlIsRefusedWithExitTwoAndTouchesNoDatabase(@TempDir Path dataDir)
            throws SQLException {
        try (EmbeddedPostgres platform = EmbeddedPostgres.startEphemeral()) {
            realPlatform(platform);
            Map<String, String> withBotUrl = new HashMap<>();
            withBotUrl.put("DATABASE_URL", platform.jdbcUrl());
            withBotUrl.put("DATABASE_USER", platform.user());
            withBotUrl.put("PLATFORM_DATABASE_URL", platform.jdbcUrl());
            withBotUrl.put("LOG_LEVEL", "WARN");
            Map<String, String> embeddedBot = new HashMap<>(withBotUrl);
            embeddedBot.remove("DATABASE_URL");
            embeddedBot.remove("DATABASE_USER");
            embeddedBot.put("PLATFORM_DATABASE_USER", platform.user());
            embeddedBot.put("MENTORIUM_DATA_DIR", dataDir.toString());

            assertThat(run(withBotUrl, "migrate", "--demo")).isEqualTo(2);
            assertThat(run(withBotUrl, "console", "--demo")).isEqualTo(2);
            assertThat(run(embeddedBot, "migrate", "--demo")).isEqualTo(2);

            assertThat(err()).contains("--demo is refused because PLATFORM_DATABASE_URL is set");
            assertThat(realLearners(platform)).isEqualTo(1);
            try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(), platform.user(),
                    platform.password())) {
                assertThat(count(connection, "select count(*) from information_schema.schemata where schema_name = 'bot'"))
                        .as("refused before anything was opened").isZero();
            }
            assertThat(dataDir).isEmptyDirectory();
        }
    }

    @Test
    void demoIntoADatabaseUrlWhosePlatformSchemaTheDemoDidNotCreateIsRefused() throws SQLException {
        try (EmbeddedPostgres external = EmbeddedPostgres.startEphemeral()) {
            realPlatform(external);
            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", external.jdbcUrl());
            env.put("DATABASE_USER", external.user());
            env.put("LOG_LEVEL", "WARN");

            assertThat(run(env, "migrate", "--demo")).isEqualTo(2);

            assertThat(err()).contains("schema platform already holds").doesNotContain("\tat ");
            assertThat(realLearners(external)).isEqualTo(1);
            try (Connection connection = DriverManager.getConnection(external.jdbcUrl(), external.user(),
                    external.password())) {
                assertThat(count(connection, "select count(*) from platform.learners")).isEqualTo(1);
            }
        }
    }

    @Test
    void migrateReportsAnUnreachableDatabaseAsAFailureNotAStackTrace() {
        Map<String, String> env = Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2",
                "LOG_LEVEL", "OFF");

        assertThat(run(env, "migrate")).isEqualTo(1);

        assertThat(err()).contains("migrate failed").contains("127.0.0.1:1/nothing").doesNotContain("\tat ");
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
