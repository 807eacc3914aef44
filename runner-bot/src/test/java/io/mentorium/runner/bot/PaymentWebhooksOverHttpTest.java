package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.application.testing.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PayMe's Merchant API and Click's Prepare/Complete as the providers reach them: over real HTTP on the running bot's
 * own server, on real PostgreSQL, with the bot's clock in the test's hand (PayMe's 12-hour timeout). Every method,
 * every error code the protocols name, both PayMe sandbox sequences, wrong authorisation on every method, and duplicate
 * callbacks racing on two threads — with the orders' and grants' rows read back from the database each time, so "changed
 * nothing" is checked where it matters. The adapters' own tests cover the finer cases over their ports.
 */
class PaymentWebhooksOverHttpTest {

    private static final String PAYME_KEY = "payme-key-over-http";
    private static final String CLICK_SECRET = "click-secret-over-http";
    private static final String CLICK_SERVICE = "4242";
    private static final String SIGN_TIME = "2026-12-01 12:00:00";
    private static final long PARENT = 9500;
    private static final long MONTH_TIYIN = 9_900_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PAYME_METHODS = List.of("CheckPerformTransaction", "CreateTransaction",
            "PerformTransaction", "CancelTransaction", "CheckTransaction", "GetStatement", "ChangePassword");

    @TempDir
    static Path dataDir;

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private static BotApiStandIn telegram;
    private static TestDatabase.Database database;
    private static BotRuntime bot;
    private static HttpClient http;
    private static String paymeKey = PAYME_KEY;

    @BeforeAll
    static void startBot() throws Exception {
        telegram = BotApiStandIn.start();
        http = HttpClient.newHttpClient();
        database = TestDatabase.freshDatabase();
        Map<String, String> env = new HashMap<>(BotRunEndToEndTest.environment(telegram, database, dataDir));
        env.put("TRIAL_DAYS", "0");
        env.put("PAYME_MERCHANT_ID", "merchant-http");
        env.put("PAYME_KEY", PAYME_KEY);
        env.put("CLICK_SERVICE_ID", CLICK_SERVICE);
        env.put("CLICK_MERCHANT_ID", "5151");
        env.put("CLICK_SECRET_KEY", CLICK_SECRET);
        BotRunEndToEndTest.migrateWithDemoData(env);
        bot = BotRuntime.start(env, CLOCK, BotRunEndToEndTest::fastSends);
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

    // ---------------------------------------------------------------- PayMe

    @Test
    void payMeRefusesEveryMethodWithoutTheRightKeyAndChangesNothing() throws Exception {
        String order = order("http-auth", "PAYME", MONTH_TIYIN);
        List<String> wrong = List.of("", "Bearer abc", basic("Paycom:wrong-key"), basic("Other:" + paymeKey),
                basic("Paycom"), "Basic !!!not-base64");
        for (String method : PAYME_METHODS) {
            for (String header : wrong) {
                JsonNode reply = payme(method, Map.of("id", "tx-auth", "time", now(), "amount", MONTH_TIYIN,
                        "account", Map.of("order_id", order), "password", "new-key-1", "from", 0, "to", now(),
                        "reason", 1), header);
                assertThat(reply.at("/error/code").asInt()).as(method + " with [" + header + "]").isEqualTo(-32504);
            }
        }
        assertThat(state(order)).isEqualTo("CREATED");
        assertThat(paymeTransactions(order)).isZero();
    }

    @Test
    void payMeAnswersTransportErrorsWithItsCodesAlwaysAsHttp200() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("/payments/payme")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get.body()).at("/error/code").asInt()).isEqualTo(-32300);

        assertThat(paymeRaw("{not json", basic("Paycom:" + paymeKey)).at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(payme("RefundEverything", Map.of()).at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(payme("CheckPerformTransaction", Map.of("amount", "lots")).at("/error/code").asInt())
                .isEqualTo(-32600);
        JsonNode error = payme("CheckTransaction", Map.of("id", "never-created"));
        assertThat(error.at("/error/code").asInt()).isEqualTo(-31003);
        assertThat(error.at("/error/message/ru").asText()).isNotBlank();
        assertThat(error.at("/error/message/uz").asText()).isNotBlank();
        assertThat(error.at("/error/message/en").asText()).isNotBlank();
        assertThat(error.toString()).doesNotContain("Exception", "at io.");
    }

    @Test
    void payMeChecksTheOrderWithEveryAccountCode() throws Exception {
        String payable = order("http-check", "PAYME", MONTH_TIYIN);
        String paid = order("http-check-paid", "PAYME", MONTH_TIYIN);
        String cancelled = order("http-check-cancelled", "PAYME", MONTH_TIYIN);
        String busy = order("http-check-busy", "PAYME", MONTH_TIYIN);
        create("tx-check-paid", paid);
        payme("PerformTransaction", Map.of("id", "tx-check-paid"));
        create("tx-check-cancelled", cancelled);
        payme("CancelTransaction", Map.of("id", "tx-check-cancelled", "reason", 3));
        create("tx-check-busy", busy);

        assertThat(checkPerform(payable, MONTH_TIYIN).at("/result/allow").asBoolean()).isTrue();
        assertThat(checkPerform(payable, MONTH_TIYIN - 1).at("/error/code").asInt()).isEqualTo(-31001);
        assertThat(checkPerform("http-no-such-order", MONTH_TIYIN).at("/error/code").asInt()).isEqualTo(-31050);
        assertThat(checkPerform(paid, MONTH_TIYIN).at("/error/code").asInt()).isEqualTo(-31052);
        assertThat(checkPerform(cancelled, MONTH_TIYIN).at("/error/code").asInt()).isEqualTo(-31053);
        assertThat(checkPerform(busy, MONTH_TIYIN).at("/error/code").asInt()).isEqualTo(-31051);
        assertThat(checkPerform(order("http-check-click", "CLICK", MONTH_TIYIN), MONTH_TIYIN).at("/error/code")
                .asInt()).as("another provider's order").isEqualTo(-31050);
    }

    @Test
    void payMeSandboxCreateRepeatCheckSecondTransactionThenCancelTwice() throws Exception {
        String order = order("http-sandbox-1", "PAYME", MONTH_TIYIN);
        JsonNode created = create("tx-sandbox-1", order);
        assertThat(created.at("/result/state").asInt()).isEqualTo(1);
        assertThat(create("tx-sandbox-1", order).get("result")).isEqualTo(created.get("result"));
        JsonNode checked = payme("CheckTransaction", Map.of("id", "tx-sandbox-1"));
        assertThat(checked.at("/result/state").asInt()).isEqualTo(1);
        assertThat(checked.at("/result/create_time").asLong()).isEqualTo(created.at("/result/create_time").asLong());
        assertThat(create("tx-sandbox-1b", order).at("/error/code").asInt()).isEqualTo(-31008);

        JsonNode cancelled = payme("CancelTransaction", Map.of("id", "tx-sandbox-1", "reason", 3));
        assertThat(cancelled.at("/result/state").asInt()).isEqualTo(-1);
        assertThat(payme("CancelTransaction", Map.of("id", "tx-sandbox-1", "reason", 3)).get("result"))
                .isEqualTo(cancelled.get("result"));
        assertThat(payme("CheckTransaction", Map.of("id", "tx-sandbox-1")).at("/result/reason").asInt()).isEqualTo(3);
        assertThat(state(order)).isEqualTo("CANCELLED");
        assertThat(payme("PerformTransaction", Map.of("id", "tx-sandbox-1")).at("/error/code").asInt())
                .isEqualTo(-31008);
    }

    @Test
    void payMeSandboxCreatePerformTwiceThenCancelAfterPerformRefunds() throws Exception {
        String order = order("http-sandbox-2", "PAYME", MONTH_TIYIN);
        create("tx-sandbox-2", order);
        JsonNode performed = payme("PerformTransaction", Map.of("id", "tx-sandbox-2"));
        assertThat(performed.at("/result/state").asInt()).isEqualTo(2);
        assertThat(payme("PerformTransaction", Map.of("id", "tx-sandbox-2")).get("result"))
                .isEqualTo(performed.get("result"));
        assertThat(state(order)).isEqualTo("PAID");
        assertThat(grants(order)).isEqualTo(1);

        JsonNode refunded = payme("CancelTransaction", Map.of("id", "tx-sandbox-2", "reason", 5));
        assertThat(refunded.at("/result/state").asInt()).isEqualTo(-2);
        assertThat(payme("CancelTransaction", Map.of("id", "tx-sandbox-2", "reason", 5)).get("result"))
                .isEqualTo(refunded.get("result"));
        assertThat(state(order)).isEqualTo("REFUNDED");
        assertThat(grants(order)).as("the period taken back").isZero();
    }

    @Test
    void payMeCancelsATransactionOlderThanTwelveHoursOnTheNextCall() throws Exception {
        String onTime = order("http-timeout-edge", "PAYME", MONTH_TIYIN);
        String late = order("http-timeout", "PAYME", MONTH_TIYIN);
        create("tx-edge", onTime);
        create("tx-late", late);

        CLOCK.advance(Duration.ofHours(12));
        assertThat(payme("PerformTransaction", Map.of("id", "tx-edge")).at("/result/state").asInt())
                .as("exactly 12 hours is still in time").isEqualTo(2);
        CLOCK.advance(Duration.ofMillis(1));
        assertThat(payme("PerformTransaction", Map.of("id", "tx-late")).at("/error/code").asInt())
                .isEqualTo(-31008);
        JsonNode checked = payme("CheckTransaction", Map.of("id", "tx-late"));
        assertThat(checked.at("/result/state").asInt()).isEqualTo(-1);
        assertThat(checked.at("/result/reason").asInt()).isEqualTo(4);
        assertThat(state(late)).isEqualTo("CANCELLED");
        assertThat(state(onTime)).isEqualTo("PAID");
    }

    @Test
    void payMeStatementListsTheTransactionsOfAPeriodAndAChangedKeyIsUsedFromThenOn() throws Exception {
        long from = now();
        String order = order("http-statement", "PAYME", MONTH_TIYIN);
        create("tx-statement", order);
        JsonNode statement = payme("GetStatement", Map.of("from", from, "to", now() + 1));
        assertThat(statement.at("/result/transactions")).extracting(node -> node.get("id").asText())
                .contains("tx-statement");
        assertThat(statement.at("/result/transactions").get(0).at("/account/order_id").asText()).isNotBlank();

        assertThat(payme("ChangePassword", Map.of("password", "rotated-key-2")).at("/result/success").asBoolean())
                .isTrue();
        String old = paymeKey;
        paymeKey = "rotated-key-2";
        assertThat(payme("CheckTransaction", Map.of("id", "tx-statement")).at("/result/state").asInt()).isEqualTo(1);
        assertThat(payme("CheckTransaction", Map.of("id", "tx-statement"), basic("Paycom:" + old))
                .at("/error/code").asInt()).isEqualTo(-32504);
    }

    @Test
    void twoPayMePerformsOfOneTransactionAtOnceApplyItOnce() throws Exception {
        String order = order("http-race-payme", "PAYME", MONTH_TIYIN);
        create("tx-race", order);

        List<JsonNode> replies = race(() -> payme("PerformTransaction", Map.of("id", "tx-race")));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.at("/result/state").asInt()).isEqualTo(2));
        assertThat(replies.get(0).get("result")).isEqualTo(replies.get(1).get("result"));
        assertThat(state(order)).isEqualTo("PAID");
        assertThat(grants(order)).isEqualTo(1);
    }

    // ---------------------------------------------------------------- Click

    @Test
    void clickAnswersItsCodesInTheDocumentedOrder() throws Exception {
        String order = order("http-click", "CLICK", MONTH_TIYIN);
        Map<String, String> missing = clickForm("7001", order, "99000", "0", null);
        missing.remove("amount");
        assertThat(click("prepare", missing).get("error").asInt()).isEqualTo(-8);
        Map<String, String> forged = clickForm("7001", order, "99000", "0", null);
        forged.put("sign_string", "0".repeat(32));
        assertThat(click("prepare", forged).get("error").asInt()).isEqualTo(-1);
        assertThat(click("prepare", clickForm("7001", order, "99000", "1", null)).get("error").asInt())
                .isEqualTo(-3);
        assertThat(click("prepare", clickForm("7001", "http-nobody", "99000", "0", null)).get("error").asInt())
                .isEqualTo(-5);
        assertThat(click("prepare", clickForm("7001", order, "98999.99", "0", null)).get("error").asInt())
                .isEqualTo(-2);
        assertThat(click("complete", clickForm("7001", order, "99000", "1", "424242")).get("error").asInt())
                .as("no such prepare").isEqualTo(-6);
        assertThat(state(order)).isEqualTo("CREATED");

        JsonNode prepared = click("prepare", clickForm("7001", order, "99000.00", "0", null));
        assertThat(prepared.get("error").asInt()).isZero();
        String prepareId = prepared.get("merchant_prepare_id").asText();
        assertThat(click("complete", clickForm("7001", order, "99000.00", "1", prepareId)).get("error").asInt())
                .isZero();
        assertThat(click("complete", clickForm("7001", order, "99000.00", "1", prepareId)).get("error").asInt())
                .as("a repeated complete").isEqualTo(-4);
        assertThat(click("prepare", clickForm("7002", order, "99000", "0", null)).get("error").asInt())
                .as("paid already").isEqualTo(-4);
        assertThat(state(order)).isEqualTo("PAID");
        assertThat(grants(order)).isEqualTo(1);
    }

    @Test
    void clicksOwnErrorOnCompleteCancelsTheTransactionAndChangesNothingElse() throws Exception {
        String order = order("http-click-failed", "CLICK", MONTH_TIYIN);
        String prepareId = click("prepare", clickForm("7101", order, "99000", "0", null))
                .get("merchant_prepare_id").asText();
        Map<String, String> failed = clickForm("7101", order, "99000", "1", prepareId);
        failed.put("error", "-5017");
        failed.put("error_note", "Insufficient funds");

        assertThat(click("complete", failed).get("error").asInt()).isEqualTo(-9);
        assertThat(click("complete", clickForm("7101", order, "99000", "1", prepareId)).get("error").asInt())
                .as("a cancelled transaction cannot complete").isEqualTo(-9);
        assertThat(state(order)).isEqualTo("CREATED");
        assertThat(grants(order)).isZero();
    }

    @Test
    void twoClickCompletesOfOneTransactionAtOnceApplyItOnce() throws Exception {
        String order = order("http-race-click", "CLICK", MONTH_TIYIN);
        String prepareId = click("prepare", clickForm("7201", order, "99000", "0", null))
                .get("merchant_prepare_id").asText();

        List<JsonNode> replies = race(() -> click("complete", clickForm("7201", order, "99000", "1", prepareId)));

        assertThat(replies).extracting(reply -> reply.get("error").asInt()).containsExactlyInAnyOrder(0, -4);
        assertThat(state(order)).isEqualTo("PAID");
        assertThat(grants(order)).isEqualTo(1);
    }

    @Test
    void malformedAndOversizedBodiesChangeNothingAndNeverAnswer5xx() throws Exception {
        String order = order("http-garbage", "CLICK", MONTH_TIYIN);
        for (String path : List.of("/payments/payme", "/payments/click/prepare", "/payments/click/complete")) {
            for (String body : List.of("", "\u0000\u0001", "x=" + "a".repeat(70_000), "%%%", "{\"method\":")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                        .header("Authorization", basic("Paycom:" + paymeKey))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isLessThan(500);
                assertThat(response.body()).as(path).doesNotContain("Exception", "at io.", "at java.");
            }
        }
        assertThat(state(order)).isEqualTo("CREATED");
    }

    // ---------------------------------------------------------------- helpers

    private static <T> List<T> race(Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static long now() {
        return CLOCK.millis();
    }

    /** An order as the subscription screen creates it, written straight into the bot's own database. */
    private static String order(String id, String provider, long tiyin) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO bot.payments (id, parent_id, plan, amount_minor, currency, provider, state, created_at)
                     VALUES (?, ?, 'MONTH', ?, 'UZS', ?, 'CREATED', ?)
                     """)) {
            insert.setString(1, id);
            insert.setLong(2, PARENT);
            insert.setLong(3, tiyin);
            insert.setString(4, provider);
            insert.setObject(5, CLOCK.instant().atOffset(java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        }
        return id;
    }

    private static String state(String order) throws SQLException {
        return single("SELECT state FROM bot.payments WHERE id = ?", order, ResultSet::getString);
    }

    private static int grants(String order) throws SQLException {
        return single("SELECT count(*) FROM bot.subscription_grants WHERE payment_id = ?", order,
                (rows, column) -> rows.getInt(column));
    }

    private static int paymeTransactions(String order) throws SQLException {
        return single("SELECT count(*) FROM bot.payme_transactions WHERE order_id = ?", order,
                (rows, column) -> rows.getInt(column));
    }

    private interface Column<T> {
        T read(ResultSet rows, int column) throws SQLException;
    }

    private static <T> T single(String sql, String argument, Column<T> column) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, argument);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as(sql).isTrue();
                return column.read(rows, 1);
            }
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + bot.httpPort() + path);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode checkPerform(String order, long amount) throws Exception {
        return payme("CheckPerformTransaction", Map.of("amount", amount, "account", Map.of("order_id", order)));
    }

    private static JsonNode create(String paymeId, String order) throws Exception {
        return payme("CreateTransaction", Map.of("id", paymeId, "time", now(), "amount", MONTH_TIYIN, "account",
                Map.of("order_id", order)));
    }

    private static JsonNode payme(String method, Map<String, Object> params) throws Exception {
        return payme(method, params, basic("Paycom:" + paymeKey));
    }

    private static JsonNode payme(String method, Map<String, Object> params, String authorization) throws Exception {
        return paymeRaw(JSON.writeValueAsString(Map.of("method", method, "params", params, "id", 7)), authorization);
    }

    private static JsonNode paymeRaw(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/payments/payme"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, String> clickForm(String clickTransId, String order, String amount, String action,
                                                 String prepareId) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("click_trans_id", clickTransId);
        fields.put("service_id", CLICK_SERVICE);
        fields.put("click_paydoc_id", "9" + clickTransId);
        fields.put("merchant_trans_id", order);
        if (prepareId != null) {
            fields.put("merchant_prepare_id", prepareId);
        }
        fields.put("amount", amount);
        fields.put("action", action);
        fields.put("error", "0");
        fields.put("error_note", "Success");
        fields.put("sign_time", SIGN_TIME);
        String signed = clickTransId + CLICK_SERVICE + CLICK_SECRET + order + (prepareId == null ? "" : prepareId)
                + amount + action + SIGN_TIME;
        fields.put("sign_string", HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(signed.getBytes(StandardCharsets.UTF_8))));
        return fields;
    }

    private static JsonNode click(String step, Map<String, String> fields) throws Exception {
        String form = fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/payments/click/" + step))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
