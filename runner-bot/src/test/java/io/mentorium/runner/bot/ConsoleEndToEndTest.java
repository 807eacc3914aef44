package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mentorium-bot console} as the README's quick start uses it: no token, no network, the whole graph built —
 * registration, a question answered by the offline assistant within the free trial, and the subscription screen.
 */
class ConsoleEndToEndTest {

    @TempDir
    Path dataDir;

    @Test
    void theConsoleRegistersAParentAnswersAQuestionOfflineAndShowsTheSubscriptionWithoutAToken() {
        Map<String, String> env;
        try (BotApiStandIn unused = BotApiStandIn.start()) {
            env = new HashMap<>(BotRunEndToEndTest.environment(unused, TestDatabase.freshDatabase(), dataDir));
        }
        BotRunEndToEndTest.migrateWithDemoData(env);
        env.remove("TELEGRAM_BOT_TOKEN");
        env.remove("TELEGRAM_API_URL");
        String typed = String.join("\n", "3", "aziza.karimova@example.com", "481516", "1",
                "How is Jasur doing this week?", "4", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = MentoriumBot.run(new String[] {"console"}, env,
                new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC());

        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(shown).contains("your child is linked", "Offline assistant", "Jasur, this week", "Free trial until",
                "1 month · ⭐ Stars");
    }
}
