package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command menu is published at start, but it is a convenience: a Telegram that never answers {@code setMyCommands}
 * must not keep the bot from receiving and answering updates. Before, start-up published the menu synchronously just
 * before polling, so every unanswered call held polling back for the client's read timeout.
 */
class CommandMenuEndToEndTest {

    @TempDir
    Path dataDir;

    @Test
    void chatsAreAnsweredWhileTelegramHasNotAnsweredTheCommandMenu() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        try (BotApiStandIn telegram = BotApiStandIn.start()) {
            Map<String, String> env = BotRunEndToEndTest.environment(telegram, database, dataDir);
            BotRunEndToEndTest.migrateWithDemoData(env);
            telegram.hold("setMyCommands");
            try (BotRuntime bot = BotRuntime.start(env, Clock.systemUTC(), BotRunEndToEndTest::fastSends)) {
                Eventually.until("the command menu asked for", () -> !telegram.callsTo("setMyCommands").isEmpty(),
                        Duration.ofSeconds(30));

                new TelegramChat(telegram, 7301, "en").command("start", "Please choose your language");

                // The menu's lists go one after another, each waiting for Telegram (up to the client's read timeout):
                // the first is still unanswered, so the chat was answered without waiting for any of them.
                assertThat(telegram.callsTo("setMyCommands")).hasSize(1);
                assertThat(telegram.answeredCalls()).noneMatch(call -> call.method().equals("setMyCommands"));
                telegram.dropHeld();
            }
        }
    }
}
