package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billing end to end over the running bot: the subscription screen, Telegram Stars through the Bot API stand-in
 * (invoice, pre-checkout answered on the receiving path, payment, a duplicate ignored, an admin refund), PayMe's
 * Merchant API and Click's Prepare/Complete over real HTTP on the bot's own server — each payment unlocking the
 * assistant once, with a receipt in the chat. No free trial here, so the gate is visible.
 */
class BillingEndToEndTest {

    private static final String PAYME_KEY = "payme-secret-key-123";
    private static final String CLICK_SECRET = "click-secret";
    private static final long ADMIN = 9400;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static BotApiStandIn telegram;
    private static BotRuntime bot;
    private static HttpClient http;

    @BeforeAll
    static void startBot() throws Exception {
        telegram = BotApiStandIn.start();
        http = HttpClient.newHttpClient();
        Map<String, String> env = new HashMap<>(BotRunEndToEndTest.environment(telegram, TestDatabase.freshDatabase(),
                dataDir));
        env.put("TRIAL_DAYS", "0");
        env.put("PAYME_MERCHANT_ID", "merchant-0001");
        env.put("PAYME_KEY", PAYME_KEY);
        env.put("CLICK_SERVICE_ID", "777");
        env.put("CLICK_MERCHANT_ID", "888");
        env.put("CLICK_SECRET_KEY", CLICK_SECRET);
        env.put("ADMIN_TELEGRAM_IDS", String.valueOf(ADMIN));
        BotRunEndToEndTest.migrateWithDemoData(env);
        bot = BotRuntime.start(env, Clock.systemUTC(), BotRunEndToEndTest::fastSends);
    }

    @AfterAll
    static void stopBot() {
        if (bot != null) {
            bot.close();
        }
        if (telegram != null) {
            telegram.close();
        }
        if (http != null) {
            http.close();
        }
    }

    private static TelegramChat registered(long userId) {
        TelegramChat chat = new TelegramChat(telegram, userId, "en");
        chat.command("start", "Please choose your language");
        chat.press("English", "guardian e-mail");
        chat.type("aziza.karimova@example.com", "Now send the link code");
        chat.type("481516", "Is this your child?");
        chat.press("Yes", "your child is linked");
        return chat;
    }

    @Test
    void starsPaymentUnlocksTheAssistantOnceAndAnAdminRefundTakesItBack() {
        TelegramChat chat = registered(9401);
        chat.type("How is Jasur doing?", "The assistant is part of the subscription");
        String screen = chat.type("⭐ Subscription", "You have no subscription yet");
        assertThat(screen).contains("1 month: 99,000 UZS or 250 ⭐");

        TelegramChat.Pressable stars = chat.button("1 month · ⭐ Stars");
        telegram.enqueueUpdates(chat.person().pressed(stars.messageId(), stars.data()));
        BotApiStandIn.Invoice invoice = telegram.awaitInvoices(chat.chatId(), 1, TelegramChat.TIMEOUT).getFirst();
        assertThat(invoice.stars()).isEqualTo(250);
        String query = telegram.enqueuePreCheckout(chat.person(), invoice);
        assertThat(telegram.awaitPreCheckoutAnswer(query, TelegramChat.TIMEOUT).ok()).isTrue();
        String charge = telegram.enqueuePayment(chat.person(), invoice);
        String receipt = chat.awaitText("Payment received");
        assertThat(receipt).contains("1 month").contains("Active until");

        telegram.enqueueUpdates(chat.person().paid(invoice.payload(), invoice.stars(), charge));
        chat.type("❓ Help", "What I can do");
        assertThat(chat.texts()).filteredOn(text -> text.contains("Payment received")).hasSize(1);
        assertThat(chat.type("How is Jasur doing this week?", "Jasur")).doesNotContain("part of the subscription");

        TelegramChat admin = new TelegramChat(telegram, ADMIN, "en");
        admin.command("start", "Please choose your language");
        admin.press("English", "guardian e-mail");
        admin.command("menu", "");
        telegram.enqueueUpdates(admin.person().command("refund", invoice.payload()));
        admin.awaitText("Refunded");
        assertThat(telegram.awaitRefunds(1, TelegramChat.TIMEOUT).getFirst().chargeId()).isEqualTo(charge);
        chat.awaitText("was refunded");
        chat.type("What should he practise?", "The assistant is part of the subscription");
    }

    @Test
    void aStarsRefundMadeElsewhereWithTheBotsTokenTakesTheAccessBack() {
        TelegramChat chat = registered(9404);
        chat.type("⭐ Subscription", "You have no subscription yet");
        TelegramChat.Pressable stars = chat.button("1 month · ⭐ Stars");
        telegram.enqueueUpdates(chat.person().pressed(stars.messageId(), stars.data()));
        BotApiStandIn.Invoice invoice = telegram.awaitInvoices(chat.chatId(), 1, TelegramChat.TIMEOUT).getFirst();
        String query = telegram.enqueuePreCheckout(chat.person(), invoice);
        assertThat(telegram.awaitPreCheckoutAnswer(query, TelegramChat.TIMEOUT).ok()).isTrue();
        String charge = telegram.enqueuePayment(chat.person(), invoice);
        chat.awaitText("Payment received");

        telegram.enqueueUpdates(chat.person().refunded(invoice.payload(), invoice.stars(), charge));
        chat.awaitText("was refunded");
        telegram.enqueueUpdates(chat.person().refunded(invoice.payload(), invoice.stars(), charge));
        chat.type("What should he practise?", "The assistant is part of the subscription");
        assertThat(chat.texts()).filteredOn(text -> text.contains("was refunded")).hasSize(1);
    }

    @Test
    void payMeCreatesPerformsAndAnswersRepeatsFromWhatItStored() throws Exception {
        TelegramChat chat = registered(9402);
        chat.type("⭐ Subscription", "Choose a plan");
        String link = chat.press("3 months · PayMe", "Pay with PayMe");
        String order = orderOf(link);
        Matcher page = Pattern.compile("https://checkout\\.paycom\\.uz/([A-Za-z0-9+/=]+)").matcher(link);
        assertThat(page.find()).isTrue();
        String decoded = new String(Base64.getDecoder().decode(page.group(1)), StandardCharsets.UTF_8);
        assertThat(decoded).contains("m=merchant-0001", "ac.order_id=" + order, "a=24900000");

        assertThat(payme("CheckPerformTransaction", Map.of("amount", 24_900_000, "account",
                Map.of("order_id", order)), PAYME_KEY).at("/result/allow").asBoolean()).isTrue();
        assertThat(payme("CheckPerformTransaction", Map.of("amount", 100, "account", Map.of("order_id", order)),
                PAYME_KEY).at("/error/code").asInt()).isEqualTo(-31001);
        assertThat(payme("CheckTransaction", Map.of("id", "nope"), "wrong-key").at("/error/code").asInt())
                .isEqualTo(-32504);
        long time = System.currentTimeMillis();
        Map<String, Object> create = Map.of("id", "payme-tx-1", "time", time, "amount", 24_900_000, "account",
                Map.of("order_id", order));
        JsonNode created = payme("CreateTransaction", create, PAYME_KEY);
        assertThat(created.at("/result/state").asInt()).isEqualTo(1);
        assertThat(payme("CreateTransaction", create, PAYME_KEY).get("result")).isEqualTo(created.get("result"));
        assertThat(payme("CreateTransaction", Map.of("id", "payme-tx-2", "time", time, "amount", 24_900_000,
                "account", Map.of("order_id", order)), PAYME_KEY).at("/error/code").asInt()).isEqualTo(-31008);

        JsonNode performed = payme("PerformTransaction", Map.of("id", "payme-tx-1"), PAYME_KEY);
        assertThat(performed.at("/result/state").asInt()).isEqualTo(2);
        assertThat(payme("PerformTransaction", Map.of("id", "payme-tx-1"), PAYME_KEY).get("result"))
                .isEqualTo(performed.get("result"));
        assertThat(chat.awaitText("Payment received")).contains("3 months").contains(order);

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/payments/payme")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get.body()).at("/error/code").asInt()).isEqualTo(-32300);
        assertThat(chat.texts()).filteredOn(text -> text.contains("Payment received")).hasSize(1);
    }

    @Test
    void clickPreparesAndCompletesOnceWithTheDocumentedSignature() throws Exception {
        TelegramChat chat = registered(9403);
        chat.type("⭐ Subscription", "Choose a plan");
        String link = chat.press("1 month · Click", "Pay with Click");
        String order = orderOf(link);

        Map<String, String> prepare = clickFields("5001", order, "99000.00", "0", null);
        JsonNode prepared = click("/payments/click/prepare", prepare);
        assertThat(prepared.get("error").asInt()).isZero();
        String prepareId = prepared.get("merchant_prepare_id").asText();

        Map<String, String> badSign = new LinkedHashMap<>(prepare);
        badSign.put("sign_string", "0".repeat(32));
        assertThat(click("/payments/click/prepare", badSign).get("error").asInt()).isEqualTo(-1);

        Map<String, String> complete = clickFields("5001", order, "99000.00", "1", prepareId);
        assertThat(click("/payments/click/complete", complete).get("error").asInt()).isZero();
        assertThat(chat.awaitText("Payment received")).contains("1 month").contains(order);
        assertThat(click("/payments/click/complete", complete).get("error").asInt()).isEqualTo(-4);

        HttpResponse<String> oversized = http.send(HttpRequest.newBuilder(uri("/payments/click/complete"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("x=" + "a".repeat(70_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oversized.statusCode()).isLessThan(500);
        assertThat(oversized.body()).doesNotContain("Exception");
        assertThat(chat.texts()).filteredOn(text -> text.contains("Payment received")).hasSize(1);
    }

    private static String orderOf(String text) {
        Matcher order = Pattern.compile("<code>([A-Za-z0-9_-]+)</code>").matcher(text);
        assertThat(order.find()).as(text).isTrue();
        return order.group(1);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + bot.httpPort() + path);
    }

    private static JsonNode payme(String method, Map<String, Object> params, String key) throws Exception {
        String body = JSON.writeValueAsString(Map.of("method", method, "params", params, "id", 1));
        String auth = Base64.getEncoder().encodeToString(("Paycom:" + key).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/payments/payme"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, String> clickFields(String clickTransId, String order, String amount, String action,
                                                   String prepareId) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("click_trans_id", clickTransId);
        fields.put("service_id", "777");
        fields.put("click_paydoc_id", "9" + clickTransId);
        fields.put("merchant_trans_id", order);
        if (prepareId != null) {
            fields.put("merchant_prepare_id", prepareId);
        }
        fields.put("amount", amount);
        fields.put("action", action);
        fields.put("error", "0");
        fields.put("error_note", "Success");
        fields.put("sign_time", "2026-12-01 12:00:00");
        String signed = clickTransId + "777" + CLICK_SECRET + order + (prepareId == null ? "" : prepareId) + amount
                + action + "2026-12-01 12:00:00";
        fields.put("sign_string", HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(signed.getBytes(StandardCharsets.UTF_8))));
        return fields;
    }

    private static JsonNode click(String path, Map<String, String> fields) throws Exception {
        String form = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + java.net.URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(URLDecoder.decode(form, StandardCharsets.UTF_8)).isNotEmpty();
        return JSON.readTree(response.body());
    }
}
