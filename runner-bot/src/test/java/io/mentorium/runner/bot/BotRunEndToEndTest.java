package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.jdbi.JdbiOutbox;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.application.pipeline.RelaySettings;
import io.mentorium.application.port.out.Messenger.SendChart;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.report.ReportChart;
import io.mentorium.domain.shared.ChatId;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mentorium-bot run} end to end: the real runtime (PostgreSQL, migrations, lock, pipeline, HTTP) polling a local
 * Bot API stand-in through the real telegrambots client. Sends are paced fast here so that conversations do not wait
 * a second per reply; the production pace is exercised by {@link RateLimitEndToEndTest}.
 */
class BotRunEndToEndTest {

    private static final String AZIZA = "aziza.karimova@example.com";

    @TempDir
    static Path dataDir;

    private static BotApiStandIn telegram;
    private static BotRuntime bot;
    private static Map<String, String> env;

    @BeforeAll
    static void startBot() throws Exception {
        telegram = BotApiStandIn.start();
        env = environment(telegram, TestDatabase.freshDatabase(), dataDir);
        migrateWithDemoData(env);
        bot = BotRuntime.start(env, Clock.systemUTC(), BotRunEndToEndTest::fastSends);
    }

    /** Sends paced fast, so that conversations do not wait a second per reply; everything else as configured. */
    static PipelineTuning fastSends(PipelineTuning tuning) {
        return new PipelineTuning(new RelaySettings(1000, Duration.ofMillis(1), 100, 64, Duration.ofMillis(200),
                Duration.ofSeconds(5), 10, Duration.ofSeconds(5)), tuning.workers(), tuning.assistant(),
                tuning.model());
    }

    @AfterAll
    static void stopBot() {
        if (bot != null) {
            bot.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    static Map<String, String> environment(BotApiStandIn telegram, TestDatabase.Database database, Path dataDir) {
        Map<String, String> variables = new HashMap<>();
        variables.put("TELEGRAM_BOT_TOKEN", BotApiStandIn.TOKEN);
        variables.put("TELEGRAM_API_URL", telegram.baseUri().toString());
        variables.put("DATABASE_URL", database.jdbcUrl());
        variables.put("DATABASE_USER", database.user());
        variables.put("DATABASE_PASSWORD", database.password());
        variables.put("MENTORIUM_DATA_DIR", dataDir.toString());
        variables.put("HTTP_PORT", "0");
        variables.put("HTTP_BIND", "127.0.0.1");
        variables.put("LOG_LEVEL", "WARN");
        return variables;
    }

    static void migrateWithDemoData(Map<String, String> env) {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = MentoriumBot.run(new String[] {"migrate", "--demo"}, env, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(errors, true, StandardCharsets.UTF_8), Clock.systemUTC());
        assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** /start, English, Aziza's e-mail and Jasur's code, confirmed. */
    private static TelegramChat registeredWithJasur(long userId) {
        TelegramChat chat = new TelegramChat(telegram, userId, "en");
        chat.command("start", "Please choose your language");
        chat.press("English", "guardian e-mail");
        chat.type(AZIZA, "Now send the link code");
        chat.type("481516", "Is this your child?");
        chat.press("Yes", "your child is linked");
        return chat;
    }

    @Test
    void aParentRegistersWithTwoChildrenAndSeesThemInTheMenu() {
        TelegramChat chat = registeredWithJasur(7001);
        assertThat(chat.replyKeyboard()).containsExactly("👧 My children", "📊 Progress report", "💬 Ask the assistant",
                "⭐ Subscription", "⚙️ Settings", "❓ Help");

        chat.type("👧 My children", "Your children");
        chat.press("Add a child", "guardian e-mail");
        chat.type(AZIZA, "Now send the link code");
        assertThat(chat.type("230411", "Is this your child?")).contains("Malika");
        chat.press("Yes", "your child is linked");

        String children = chat.type("👧 My children", "Your children");
        assertThat(children).contains("Jasur").contains("Malika");
        String report = chat.type("📊 Progress report", "Jasur");
        assertThat(report).contains("week");
        // The second child's report carries the button; no scheduled report has gone out yet.
        chat.awaitText("Malika");
        chat.press("Past reports", "No past reports yet");
        assertThat(telegram.commandLanguages()).contains("ru", "uz", "en");
    }

    @Test
    void aReportQueuedByTheSchedulerArrivesAsItsTextThenItsChartAsAPhoto() throws Exception {
        TelegramChat chat = registeredWithJasur(7005);
        ChatId chatId = new ChatId(chat.chatId());
        ReportChart chart = new ReportChart("Jasur Karimov: minutes of study per day", "minutes",
                List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "this week", List.of(0, 15, 40, 0, 25, 120, 15),
                "last week", List.of(15, 0, 0, 30, 30, 0, 45));
        Jdbi jdbi = Jdbi.create(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        // As the scheduler queues a report, from another process: the bot's relay picks the rows up.
        new JdbiOutbox(jdbi).enqueue(List.of(
                new SendText(chatId, "📊 <b>Jasur Karimov</b>: the week of 23 November to 29 November"),
                new SendChart(chatId, chart, "📊 <b>Jasur Karimov</b>: minutes per day, this week and last")),
                Instant.now());

        chat.awaitText("the week of 23 November");
        BotApiStandIn.Photo photo = telegram.awaitPhotos(chat.chatId(), 1, Duration.ofSeconds(30)).getFirst();

        assertThat(photo.caption()).isEqualTo("📊 <b>Jasur Karimov</b>: minutes per day, this week and last");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo.bytes()));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(400);
        BotApiCall text = telegram.sentMessages(chat.chatId()).stream()
                .filter(message -> message.text().contains("the week of 23 November")).findFirst().orElseThrow()
                .call();
        assertThat(text.at()).as("the text goes first").isBeforeOrEqualTo(photo.at());
    }

    @Test
    void aParentSwitchesToUzbekAndUnlinksAChildAfterConfirming() {
        TelegramChat chat = registeredWithJasur(7002);

        chat.type("⚙️ Settings", "Settings");
        chat.press("Language", "Choose the language");
        chat.press("Oʻzbekcha", "Endi oʻzbek tilida gaplashaman");
        assertThat(chat.replyKeyboard()).contains("👧 Farzandlarim", "⚙️ Sozlamalar", "❓ Yordam");

        chat.type("👧 Farzandlarim", "Farzandlaringiz");
        chat.press("Uzish", "Uzilsinmi");
        chat.press("Ha, uzish", "endi roʻyxatingizda yoʻq");
        assertThat(chat.type("👧 Farzandlarim", "hali birorta ham farzandni ulamagansiz")).doesNotContain("Jasur");
    }

    @Test
    void badInputIsAnsweredAndChangesNothing() {
        TelegramChat chat = new TelegramChat(telegram, 7003, "en");
        chat.command("start", "Please choose your language");
        chat.press("English", "guardian e-mail");

        chat.send(person -> person.sticker(), "I can only read text here");
        chat.type("<b>not an e-mail</b> & more", "doesn’t look like an e-mail");
        chat.type("x".repeat(10_000), "too long");
        chat.type(AZIZA, "Now send the link code");
        chat.type("000000", "Attempts left: <b>");
        chat.send(person -> person.photo(), "I can only read text here");
        chat.type("481516", "Is this your child?");
        assertThat(chat.texts()).noneMatch(text -> text.contains("<b>not an e-mail") || text.contains("xxxxxxxxxx"));
    }

    @Test
    void textsTheOldJsonbInboxRefusedAreStoredAndAnsweredAndHoldUpNobody() {
        TelegramChat sender = new TelegramChat(telegram, 7106, "en");
        TelegramChat neighbour = new TelegramChat(telegram, 7107, "en");
        sender.command("start", "Please choose your language");
        sender.press("English", "guardian e-mail");

        // One batch: a NUL character (PostgreSQL's jsonb refused it with 22P05 and the receiver retried the whole batch
        // forever), an unpaired surrogate, and another chat's /start behind them.
        telegram.enqueueUpdates(sender.person().text("\u0000"), sender.person().text("\uD800 \u0000 x"),
                neighbour.person().command("start"));

        neighbour.awaitText("Please choose your language");
        sender.awaitText("doesn’t look like an e-mail");
        sender.awaitText("doesn’t look like an e-mail");
        sender.type(AZIZA, "Now send the link code");
        assertThat(telegram.unconfirmedUpdateIds()).isEmpty();
    }

    @Test
    void aStaleButtonIsAnsweredWithANoticeAndNothingElse() {
        // A known parent: a stranger's stale press is answered with the language choice too, by design.
        TelegramChat chat = new TelegramChat(telegram, 7004, "en");
        chat.command("start", "Please choose your language");
        chat.press("English", "guardian e-mail");
        int before = chat.texts().size();

        telegram.enqueueUpdates(chat.person().pressed(1, "9:from-an-old-version"));

        Eventually.until("the press answered as out of date", () -> telegram.callsTo("answerCallbackQuery").stream()
                .anyMatch(call -> call.has("text") && call.string("text").contains("out of date")), TelegramChat.TIMEOUT);
        // The same chat's next message is handled after the press (per-chat order): once its reply is here, anything
        // the press said is here too, and the wait skips past it rather than taking it for the reply.
        chat.command("help", "What I can do");
        assertThat(chat.texts()).hasSize(before + 1);
    }

    @Test
    void a429IsWaitedOutAndTheMessageArrivesOnce() {
        TelegramChat chat = new TelegramChat(telegram, 7005, "en");
        telegram.failNext("sendMessage", 1, 429, Duration.ofSeconds(1));

        telegram.enqueueUpdates(chat.person().command("start"));

        // The stand-in records the refused attempt too; wait for the accepted one.
        Eventually.until("the message accepted", () -> telegram.sentMessages(chat.chatId()).size() == 1,
                TelegramChat.TIMEOUT);
        List<BotApiCall> attempts = chat.shownCalls();
        assertThat(attempts).hasSize(2);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(telegram.sentMessages(chat.chatId())).hasSize(1);
    }

    @Test
    void healthAndMetricsAreServed() throws Exception {
        registeredWithJasur(7006);
        HttpClient http = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + bot.httpPort());

        HttpResponse<String> live = http.send(HttpRequest.newBuilder(base.resolve("/health/live")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("bot-database", "platform-database", "polling", "instance-lock");
        assertThat(metrics.body()).contains("mentorium_updates_received_total", "mentorium_update_handling_seconds",
                "mentorium_messages_sent_total{outcome=\"sent\"}", "jvm_memory_used_bytes",
                "mentorium_db_connections{pool=\"mentorium-bot\",state=\"active\"}",
                "mentorium_db_connections{pool=\"mentorium-platform\",state=\"idle\"}");
        // Every update borrowed a connection from the bot's pool after the pools were tracked.
        assertThat(metrics.body())
                .containsPattern("mentorium_db_connection_wait_seconds_count\\{pool=\"mentorium-bot\"} [1-9]");
        assertThat(metrics.body()).doesNotContain("mentorium_updates_processed_total 0.0");
        // The replies went out in the reply lane, each timed from its commit and its call apart; the menus were
        // handled as urgent.
        assertThat(metrics.body())
                .containsPattern("mentorium_outbox_send_delay_seconds_count\\{lane=\"reply\"} [1-9]")
                .containsPattern("mentorium_outbox_send_call_seconds_count\\{lane=\"reply\"} [1-9]")
                .containsPattern("mentorium_update_handling_seconds_count\\{urgency=\"urgent\"} [1-9]");
    }

    @Test
    void aSecondInstanceIsRefusedWithExitCode3() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        int exit = MentoriumBot.run(new String[] {"run"}, env, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(errors, true, StandardCharsets.UTF_8), Clock.systemUTC());

        assertThat(exit).isEqualTo(3);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("another mentorium-bot instance")
                .doesNotContain(BotApiStandIn.TOKEN);
        Eventually.until("the first instance still polling", () -> telegram.openLongPolls() > 0, TelegramChat.TIMEOUT);
    }
}
