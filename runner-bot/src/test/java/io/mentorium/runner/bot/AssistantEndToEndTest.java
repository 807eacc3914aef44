package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.openai.ChatMessage;
import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Behaviour;
import io.mentorium.adapters.openai.testing.OpenAiStandIn.Call;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assistant end to end: {@code mentorium-bot run} with a model (the OpenAI stand-in, through the real openai-java
 * client) and Telegram (the Bot API stand-in, through the real telegrambots client) on real PostgreSQL. Answers are
 * grounded in tool results, stream as drafts before the final message, never hold up the menu, and fall back to the
 * offline assistant, labelled, when the model fails.
 */
class AssistantEndToEndTest {

    // Each test's parent links a different demo child: the free trial that opens the assistant is once per family.
    private static final String AZIZA = "aziza.karimova@example.com";
    private static final String DILNOZA = "dilnoza.yusupova@example.com";
    private static final String OLGA = "olga.petrova@example.com";
    private static final String BEKZOD = "bekzod.toshmatov@example.com";

    @TempDir
    static Path dataDir;

    private static BotApiStandIn telegram;
    private static OpenAiStandIn model;
    private static BotRuntime bot;
    private static TestDatabase.Database database;

    @BeforeAll
    static void startBot() throws Exception {
        telegram = BotApiStandIn.start();
        model = OpenAiStandIn.start();
        database = TestDatabase.freshDatabase();
        Map<String, String> env = new java.util.HashMap<>(BotRunEndToEndTest.environment(telegram, database, dataDir));
        env.putAll(model.environment());
        BotRunEndToEndTest.migrateWithDemoData(env);
        bot = BotRuntime.start(env, Clock.systemUTC(), BotRunEndToEndTest::fastSends);
    }

    @AfterAll
    static void stopBot() {
        if (bot != null) {
            bot.close();
        }
        if (model != null) {
            model.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    private static TelegramChat registered(long userId, String email, String code) {
        TelegramChat chat = new TelegramChat(telegram, userId, "en");
        chat.command("start", "Please choose your language");
        chat.press("English", "guardian e-mail");
        chat.type(email, "Now send the link code");
        chat.type(code, "Is this your child?");
        chat.press("Yes", "your child is linked");
        return chat;
    }

    @Test
    void anAnswerIsGroundedInAToolResultAndStreamsAsDraftsBeforeTheFinalMessage() {
        TelegramChat chat = registered(9101, AZIZA, "481516");

        String answer = chat.type("How is Jasur doing this week?", "According to the school's records");

        OpenAiStandIn.Request second = requestWithToolResultFor("How is Jasur doing this week?");
        ChatMessage toolResult = second.toolResults().getLast();
        assertThat(toolResult.content()).contains("Jasur").doesNotContain("Karimov", AZIZA, "481516");
        String firstNumber = toolResult.content().replaceAll("(?s)^\\D*(\\d+).*$", "$1");
        assertThat(answer).contains("According to the school's records: " + firstNumber);
        assertThat(second.messages().getFirst().content()).contains("child_1: Jasur, grade 7")
                .contains("Answer in English");

        List<BotApiStandIn.Draft> drafts = telegram.drafts(chat.chatId());
        assertThat(drafts).as("a draft preview came first").isNotEmpty();
        assertThat(drafts.getFirst().text()).as("the thinking placeholder").isEmpty();
        BotApiCall last = chat.shownCalls().getLast();
        assertThat(last.method()).isEqualTo("sendMessage");
        assertThat(chat.texts().stream().filter(text -> text.contains("According to the school's records")))
                .as("the answer is delivered exactly once").hasSize(1);
    }

    @Test
    void anotherFamilysChildIsRefusedByTheApplication() {
        TelegramChat chat = registered(9102, AZIZA, "230411");
        model.enqueue(Behaviour.toolCalls(new Call("get_progress", "{\"child\":\"Timur\",\"period\":\"week\"}")),
                Behaviour.text("I can only talk about your own children."));

        chat.type("How is Timur Yusupov doing?", "I can only talk about your own children");

        OpenAiStandIn.Request second = requestWithToolResultFor("How is Timur Yusupov doing?");
        assertThat(second.toolResults().getLast().content()).contains("unknown child")
                .doesNotContain("Yusupov", "735102");
    }

    @Test
    void aSentenceChangesQuietHoursThatSettingsThenShow() {
        TelegramChat chat = registered(9103, OLGA, "512384");
        model.enqueue(Behaviour.toolCalls(new Call("set_notification_preferences",
                        "{\"quiet_hours\":\"21:00-08:00\"}")),
                Behaviour.text("Done: I won't write to you between 21:00 and 08:00."));

        chat.type("Don't write to me after 9 pm", "I won't write to you between 21:00 and 08:00");

        String settings = chat.type("⚙️ Settings", "Settings");
        assertThat(settings).contains("21:00").contains("08:00");
    }

    @Test
    void aMenuPressIsAnsweredWhileAnAnswerStreamsAndTheAnswerStillArrives() {
        TelegramChat chat = registered(9104, DILNOZA, "640927");
        CountDownLatch release = new CountDownLatch(1);
        model.enqueue(Behaviour.stall("Sevara has studied every single day this week, well done.", release));

        telegram.enqueueUpdates(chat.person().text("Tell me about Sevara"));
        Eventually.until("the model to be asked", () -> model.requests().stream()
                .anyMatch(request -> request.question().equals("Tell me about Sevara")), Duration.ofSeconds(30));

        String children = chat.type("👧 My children", "Your children");
        assertThat(children).contains("Sevara");
        assertThat(chat.texts()).noneMatch(text -> text.contains("every single day"));

        release.countDown();
        chat.awaitText("every single day this week");
    }

    @Test
    void whenTheModelFailsTheOfflineAssistantAnswersWithANoticeAndMenusKeepAnswering() {
        TelegramChat chat = registered(9105, BEKZOD, "357246");
        model.enqueue(Behaviour.serverError(), Behaviour.serverError(), Behaviour.serverError());

        String answer = chat.type("What is Nodira's streak?", "unavailable");

        assertThat(answer).contains("Nodira");
        chat.type("❓ Help", "What I can do");
    }

    @Test
    void theDialogIsStoredWithCountedAndReportedTokensAndNewForgetsIt() throws Exception {
        TelegramChat chat = registered(9106, DILNOZA, "735102");
        chat.type("Is Timur keeping his streak?", "According to the school's records");

        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT prompt_tokens_counted, prompt_tokens_reported, completion_tokens_counted,
                            completion_tokens_reported
                       FROM bot.dialog_messages WHERE parent_id = 9106 AND role = 'ASSISTANT'""")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isPositive().isEqualTo(row.getInt(2));
            assertThat(row.getInt(3)).isPositive();
            assertThat(row.getInt(4)).isPositive();
        }
        chat.command("new", "New conversation started");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password());
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(
                     "SELECT count(*) FROM bot.dialog_messages WHERE parent_id = 9106")) {
            count.next();
            assertThat(count.getInt(1)).isZero();
        }
    }

    private static OpenAiStandIn.Request requestWithToolResultFor(String question) {
        return model.requests().stream()
                .filter(request -> request.question().equals(question) && !request.toolResults().isEmpty())
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no request with a tool result for: " + question));
    }
}
