package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A backlog far larger than the bot may hold in memory, left pending by a previous run: {@code mentorium-bot run}
 * starts in its own JVM with a small fixed heap and must drain it all, in order within each chat, without running out
 * of memory. Before the bounds, resuming handed every pending update to the workers at once.
 *
 * <p>The bound stated and proven here: 200,000 pending updates from 1,000 chats drain with at most 96 MB of heap
 * ({@code -Xmx96m}, the JVM exits on the first {@code OutOfMemoryError}).
 */
@ExtendWith(BotLogsKeptOnFailure.class)
@Execution(ExecutionMode.CONCURRENT)
class BacklogDrainTest {

    static final int UPDATES = 200_000;
    static final int CHATS = 1_000;
    /** Every hundredth update of a chat asks for /help, so replies flow through the relay too. */
    static final int HELP_EVERY = 100;
    static final String HEAP = "-Xmx48m";
    private static final Duration DEADLINE = Duration.ofMinutes(6);

    @TempDir
    Path workDir;

    @Test
    void twoHundredThousandPendingUpdatesDrainInOrderPerChatWithinAFixedHeap() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        try (BotApiStandIn telegram = BotApiStandIn.start()) {
            Map<String, String> env = BotRunEndToEndTest.environment(telegram, database, workDir);
            env.put("TELEGRAM_MAX_SENDS_PER_SECOND", "1000");
            BotRunEndToEndTest.migrateWithDemoData(env);
            leavePending(database);
            assertThat(count(database, "SELECT count(*) FROM bot.inbox_updates WHERE state = 0")).isEqualTo(UPDATES);

            Path log = workDir.resolve("bot.log");
            String java = ProcessHandle.current().info().command().orElseThrow();
            ProcessBuilder builder = new ProcessBuilder(java, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp",
                    System.getProperty("java.class.path"), MentoriumBot.class.getName(), "run")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(new HashMap<>(env));
            builder.environment().put("LOG_FORMAT", "text");
            Process bot = builder.start();
            try {
                Eventually.until("the backlog drained", () -> {
                    if (!bot.isAlive()) {
                        throw new AssertionError("mentorium-bot exited with " + bot.exitValue() + ": "
                                + tail(log));
                    }
                    return count(database, "SELECT count(*) FROM bot.inbox_updates WHERE state = 0") == 0
                            && count(database, "SELECT count(*) FROM bot.outbox_messages WHERE state = 0") == 0;
                }, DEADLINE);
                assertThat(bot.isAlive()).as("still running after the drain: no OutOfMemoryError").isTrue();
            } finally {
                bot.destroy();
                if (!bot.waitFor(60, TimeUnit.SECONDS)) {
                    bot.destroyForcibly();
                }
            }

            assertThat(count(database, "SELECT count(*) FROM bot.inbox_updates WHERE state = 1")).isEqualTo(UPDATES);
            // Within a chat, handled in update-id order: each update's done mark is later than the previous one's.
            assertThat(count(database, """
                    SELECT count(*) FROM (
                        SELECT handled_at < lag(handled_at) OVER (PARTITION BY chat_id ORDER BY update_id) AS backwards
                          FROM bot.inbox_updates) marks
                     WHERE backwards""")).isZero();
            // And the replies were queued in that order too.
            assertThat(count(database, """
                    SELECT count(*) FROM (
                        SELECT id < lag(id) OVER (PARTITION BY chat_id ORDER BY update_id) AS backwards
                          FROM bot.outbox_messages) replies
                     WHERE backwards""")).isZero();
            long helps = UPDATES / HELP_EVERY;
            assertThat(count(database, "SELECT count(*) FROM bot.outbox_messages WHERE state = 1")).isEqualTo(helps);
            assertThat(telegram.answeredCalls().stream().filter(call -> call.method().equals("sendMessage")))
                    .hasSize((int) helps);
        }
    }

    /** Writes the backlog straight into the inbox, as a previous run that died would have left it. */
    private static void leavePending(TestDatabase.Database database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO bot.inbox_updates (update_id, chat_id, payload, received_at)
                    SELECT n, 810000 + n %% %d,
                           CASE WHEN (n / %d) %% %d = 0
                                THEN format('{"type":"command","sender":{"userId":%%s,"chatId":%%s,"languageCode":"en"},'
                                            || '"name":"help","argument":""}', 810000 + n %% %d, 810000 + n %% %d)
                                ELSE format('{"type":"membership","sender":{"userId":%%s,"chatId":%%s,'
                                            || '"languageCode":"en"},"blocked":false}', 810000 + n %% %d,
                                            810000 + n %% %d)
                           END,
                           now()
                      FROM generate_series(1, %d) AS n
                    """.formatted(CHATS, CHATS, HELP_EVERY, CHATS, CHATS, CHATS, CHATS, UPDATES));
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 4_000));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static long count(TestDatabase.Database database, String sql) {
        return RestartExactlyOnceTest.count(database, sql);
    }
}
