package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, linking, a question to the assistant and a Stars payment through the running bot, with every log line
 * at DEBUG and above captured: none holds the e-mail, the link code or the bot token, while the event log holds a row
 * for each step with the e-mail masked.
 */
class LogPrivacyEndToEndTest {

    private static final String EMAIL = "aziza.karimova@example.com";
    private static final String CODE = "481516";

    @TempDir
    static Path dataDir;

    private static BotApiStandIn telegram;
    private static BotRuntime bot;
    private static TestDatabase.Database database;
    private static final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private static Level previousLevel;

    @BeforeAll
    static void startBotCapturingTheLog() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger mentorium = context.getLogger("io.mentorium");
        previousLevel = mentorium.getLevel();
        mentorium.setLevel(Level.DEBUG);
        captured.setContext(context);
        captured.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(captured);

        telegram = BotApiStandIn.start();
        database = TestDatabase.freshDatabase();
        Map<String, String> env = new HashMap<>(BotRunEndToEndTest.environment(telegram, database, dataDir));
        BotRunEndToEndTest.migrateWithDemoData(env);
        bot = BotRuntime.start(env, Clock.systemUTC(), BotRunEndToEndTest::fastSends);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        context.getLogger("io.mentorium").setLevel(previousLevel);
    }

    @Test
    void no_log_line_holds_an_email_a_link_code_or_the_token_and_the_event_log_has_every_step() throws Exception {
        TelegramChat chat = new TelegramChat(telegram, 9501, "en");
        chat.command("start", "Please choose your language");
        chat.press("English", "guardian e-mail");
        chat.type("wrong.person@example.com", "");
        chat.type(EMAIL, "Now send the link code");
        chat.type(CODE, "Is this your child?");
        chat.press("Yes", "your child is linked");
        chat.type("How is Jasur doing this week?", "Jasur");
        chat.type("⭐ Subscription", "1 month");

        TelegramChat.Pressable stars = chat.button("1 month · ⭐ Stars");
        telegram.enqueueUpdates(chat.person().pressed(stars.messageId(), stars.data()));
        BotApiStandIn.Invoice invoice = telegram.awaitInvoices(chat.chatId(), 1, TelegramChat.TIMEOUT).getFirst();
        telegram.enqueuePreCheckout(chat.person(), invoice);
        telegram.enqueuePayment(chat.person(), invoice);
        chat.awaitText("Payment received");

        List<String> lines = new ArrayList<>();
        synchronized (captured) {
            for (ILoggingEvent event : List.copyOf(captured.list)) {
                lines.add(event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    lines.add(t.getClassName() + ": " + t.getMessage());
                }
            }
        }
        assertThat(lines).as("captured log lines").hasSizeGreaterThan(10);
        assertThat(lines).noneSatisfy(line -> assertThat(line).containsAnyOf(EMAIL, "wrong.person@example.com",
                CODE, BotApiStandIn.TOKEN, BotApiStandIn.TOKEN.substring(BotApiStandIn.TOKEN.indexOf(':') + 1)));

        String metrics = scrape();
        assertThat(sample(metrics, "payments_total{outcome=\"created\",provider=\"stars\"}")).isEqualTo(1.0);
        assertThat(sample(metrics, "payments_total{outcome=\"settled\",provider=\"stars\"}")).isEqualTo(1.0);
        assertThat(sample(metrics, "subscriptions_active")).isEqualTo(1.0);
        assertThat(sample(metrics, "telegram_messages_total{direction=\"in\",kind=\"text\"}")).isGreaterThan(2);

        Map<String, String> events = events();
        assertThat(events).containsKeys("parent.registered", "learner.linked", "assistant.asked", "payment.created",
                "payment.settled", "trial.started");
        assertThat(String.join("\n", events.values())).doesNotContain(EMAIL, CODE, "How is Jasur");
    }

    private static String scrape() throws Exception {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + bot.httpPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    private static double sample(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .orElseThrow(() -> new AssertionError(series + " not in\n" + scrape));
    }

    /** Each event type once, with the details of its latest row. */
    private static Map<String, String> events() throws SQLException {
        Map<String, String> events = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT type, details::text FROM bot.event_log ORDER BY id")) {
            while (rows.next()) {
                events.put(rows.getString(1), rows.getString(2));
            }
        }
        return events;
    }
}
