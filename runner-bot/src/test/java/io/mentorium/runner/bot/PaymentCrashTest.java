package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiCall;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A SIGKILL between PayMe's PerformTransaction and the parent's receipt: PayMe got its answer (the payment is
 * applied), the receipt was queued in the same transaction but never reached Telegram. After the restart the receipt
 * arrives, once; PayMe repeating Perform changes nothing and gets the stored answer.
 */
@ExtendWith(BotLogsKeptOnFailure.class)
@Execution(ExecutionMode.CONCURRENT)
class PaymentCrashTest {

    private static final String KEY = "payme-crash-key-42";
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void aReceiptCutOffByAKillAfterPerformArrivesOnceAfterTheRestart() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (BotApiStandIn telegram = BotApiStandIn.start(); HttpClient http = HttpClient.newHttpClient()) {
            Map<String, String> env = new HashMap<>(BotRunEndToEndTest.environment(telegram, database, workDir));
            env.put("TELEGRAM_MAX_SENDS_PER_SECOND", "1000");
            env.put("HTTP_PORT", Integer.toString(port));
            env.put("PAYME_MERCHANT_ID", "merchant-crash");
            env.put("PAYME_KEY", KEY);
            env.put("TRIAL_DAYS", "0");
            BotRunEndToEndTest.migrateWithDemoData(env);
            TelegramChat chat = new TelegramChat(telegram, 9501, "en");
            String order;
            JsonNode performed;

            try (RestartExactlyOnceTest.Child first = RestartExactlyOnceTest.Child.start(env,
                    workDir.resolve("first.log"))) {
                chat.command("start", "Please choose your language");
                chat.press("English", "guardian e-mail");
                chat.type("aziza.karimova@example.com", "Now send the link code");
                chat.type("481516", "Is this your child?");
                chat.press("Yes", "your child is linked");
                chat.type("⭐ Subscription", "Choose a plan");
                order = orderOf(chat.press("1 month · PayMe", "Pay with PayMe"));

                telegram.hold("sendMessage");
                // A message already past the hold check (the payment prompt's send) is still accepted: wait for it,
                // so that from here on every sendMessage is held and nothing is accepted behind the test's back.
                telegram.awaitQuiet("sendMessage", DEADLINE);
                Map<String, Object> create = Map.of("id", "crash-tx", "time", System.currentTimeMillis(),
                        "amount", 9_900_000, "account", Map.of("order_id", order));
                assertThat(payme(http, port, "CreateTransaction", create).at("/result/state").asInt()).isEqualTo(1);
                performed = payme(http, port, "PerformTransaction", Map.of("id", "crash-tx"));
                assertThat(performed.at("/result/state").asInt()).isEqualTo(2);
                Eventually.until("the receipt to be on its way (held at Telegram)", () -> telegram.calls().stream()
                        .anyMatch(call -> isReceipt(call, chat.chatId())), DEADLINE);
                first.kill();
            }
            telegram.dropHeld();
            assertThat(RestartExactlyOnceTest.count(database,
                    "SELECT count(*) FROM bot.payments WHERE state = 'PAID'")).isEqualTo(1);

            try (RestartExactlyOnceTest.Child second = RestartExactlyOnceTest.Child.start(env,
                    workDir.resolve("second.log"))) {
                Eventually.until("the receipt delivered", () -> telegram.answeredCalls().stream()
                        .anyMatch(call -> isReceipt(call, chat.chatId())), DEADLINE);
                Eventually.until("the HTTP server", () -> {
                    try {
                        return payme(http, port, "PerformTransaction", Map.of("id", "crash-tx")) != null;
                    } catch (Exception notYet) {
                        return false;
                    }
                }, DEADLINE);
                assertThat(payme(http, port, "PerformTransaction", Map.of("id", "crash-tx")).get("result"))
                        .as("PayMe's repeat gets the stored answer").isEqualTo(performed.get("result"));
                second.stop();
            }
            assertThat(telegram.answeredCalls().stream().filter(call -> isReceipt(call, chat.chatId())))
                    .as("one receipt reached the parent").hasSize(1);
            assertThat(RestartExactlyOnceTest.count(database,
                    "SELECT count(*) FROM bot.subscription_grants WHERE parent_id = 9501")).isEqualTo(1);
        }
    }

    private static boolean isReceipt(BotApiCall call, long chatId) {
        return call.method().equals("sendMessage") && call.has("chat_id") && call.longParam("chat_id") == chatId
                && call.string("text").contains("Payment received");
    }

    private static String orderOf(String text) {
        Matcher order = Pattern.compile("<code>([A-Za-z0-9_-]+)</code>").matcher(text);
        assertThat(order.find()).as(text).isTrue();
        return order.group(1);
    }

    private static JsonNode payme(HttpClient http, int port, String method, Map<String, Object> params)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("method", method, "params", params, "id", 7));
        String auth = Base64.getEncoder().encodeToString(("Paycom:" + KEY).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/payments/payme"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
