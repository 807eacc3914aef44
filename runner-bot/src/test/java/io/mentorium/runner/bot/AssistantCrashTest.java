package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Behaviour;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A SIGKILL while the model streams an answer: the question stays open in the database with its attempt counted, and
 * the next run answers it — once, with no apology and no half answer.
 */
@ExtendWith(BotLogsKeptOnFailure.class)
@Execution(ExecutionMode.CONCURRENT)
class AssistantCrashTest {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @TempDir
    Path workDir;

    @Test
    void aQuestionWhoseAnswerWasCutByAKillIsAnsweredOnceAfterTheRestart() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        CountDownLatch never = new CountDownLatch(1);
        try (BotApiStandIn telegram = BotApiStandIn.start(); OpenAiStandIn model = OpenAiStandIn.start()) {
            Map<String, String> env = new HashMap<>(BotRunEndToEndTest.environment(telegram, database, workDir));
            env.put("TELEGRAM_MAX_SENDS_PER_SECOND", "1000");
            env.putAll(model.environment());
            BotRunEndToEndTest.migrateWithDemoData(env);
            TelegramChat chat = new TelegramChat(telegram, 9201, "en");

            try (RestartExactlyOnceTest.Child first = RestartExactlyOnceTest.Child.start(env,
                    workDir.resolve("first.log"))) {
                chat.command("start", "Please choose your language");
                chat.press("English", "guardian e-mail");
                chat.type("aziza.karimova@example.com", "Now send the link code");
                chat.type("481516", "Is this your child?");
                chat.press("Yes", "your child is linked");

                model.enqueue(Behaviour.stall("Half an answer that must never be delivered as the answer.", never));
                telegram.enqueueUpdates(chat.person().text("How is Jasur doing?"));
                Eventually.until("the answer to be streaming", () -> model.openStreams() > 0
                        && !telegram.drafts(chat.chatId()).isEmpty(), DEADLINE);
                first.kill();
            }
            assertThat(RestartExactlyOnceTest.count(database,
                    "SELECT count(*) FROM bot.assistant_questions WHERE closed_at IS NULL AND attempts = 1"))
                    .as("the question is open with one attempt counted").isEqualTo(1);

            try (RestartExactlyOnceTest.Child second = RestartExactlyOnceTest.Child.start(env,
                    workDir.resolve("second.log"))) {
                chat.awaitText("According to the school's records");
                Eventually.until("the question closed", () -> RestartExactlyOnceTest.count(database,
                        "SELECT count(*) FROM bot.assistant_questions WHERE closing = 'ANSWERED'") == 1, DEADLINE);
                Eventually.until("the answer marked sent", () -> RestartExactlyOnceTest.count(database,
                        "SELECT count(*) FROM bot.outbox_messages WHERE state <> 1") == 0, DEADLINE);
                second.stop();
            } finally {
                never.countDown();
            }
            assertThat(chat.texts()).filteredOn(text -> text.contains("According to the school's records"))
                    .hasSize(1);
            assertThat(chat.texts()).noneMatch(text -> text.contains("Half an answer") || text.contains("Sorry"));
        }
    }
}
