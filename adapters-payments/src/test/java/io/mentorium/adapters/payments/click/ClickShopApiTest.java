package io.mentorium.adapters.payments.click;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorium.adapters.payments.PaymentSettings;
import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.ClickTransactions.ClickTransaction;
import io.mentorium.application.port.out.ClickTransactions.State;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.testing.InMemoryClickTransactions;
import io.mentorium.application.testing.InMemoryPaymentRepository;
import io.mentorium.application.testing.InMemorySettlePayment;
import io.mentorium.application.testing.InMemorySubscriptionRepository;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClickShopApiTest {

    private static final String SERVICE_ID = "38412";
    private static final String SECRET = "s3cr3t-Key";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SIGN_TIME = "2026-11-16 15:00:00";
    private static final Instant T0 = Instant.parse("2026-11-16T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryPaymentRepository payments = new InMemoryPaymentRepository();
    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    private final InMemoryClickTransactions clicks = new InMemoryClickTransactions();
    private final PerThreadTransactionRunner transactions = new PerThreadTransactionRunner();
    // It refuses calls outside a transaction, so these tests also prove the adapter joins one.
    private final InMemorySettlePayment settle = new InMemorySettlePayment(payments, subscriptions, transactions)
            .requireOpenTransaction(transactions::active);
    private ClickShopApi api;

    @BeforeEach
    void setUp() {
        api = new ClickShopApi(new PaymentSettings.Click(SERVICE_ID, "27153", SECRET), settle,
                new OnlyInTransaction(clicks, transactions), transactions, clock);
        order("order-1", 1000, PaymentProvider.CLICK);
    }

    // ---------------------------------------------------------------- the good flow

    @Test
    void prepare_then_complete_pays_the_order_once() {
        JsonNode prepared = prepare(prepareForm(901, "order-1", "1000"));

        assertThat(prepared.get("error").asInt()).isZero();
        assertThat(prepared.get("error_note").asText()).isEqualTo("Success");
        assertThat(prepared.get("click_trans_id").asLong()).isEqualTo(901);
        assertThat(prepared.get("merchant_trans_id").asText()).isEqualTo("order-1");
        long prepareId = prepared.get("merchant_prepare_id").asLong();
        assertThat(prepareId).isPositive();
        assertThat(clicks.find(901).orElseThrow().state()).isEqualTo(State.PREPARED);
        assertThat(order("order-1").state()).isEqualTo(PaymentState.CREATED);

        clock.advance(Duration.ofSeconds(20));
        JsonNode completed = complete(completeForm(901, "order-1", prepareId, "1000", "0"));

        assertThat(completed.get("error").asInt()).isZero();
        assertThat(completed.get("merchant_confirm_id").asLong()).isEqualTo(prepareId);
        assertThat(completed.get("click_trans_id").asLong()).isEqualTo(901);
        assertThat(completed.get("merchant_trans_id").asText()).isEqualTo("order-1");
        assertThat(fieldNames(completed)).containsExactly("click_trans_id", "merchant_trans_id",
                "merchant_confirm_id", "error", "error_note");
        assertThat(fieldNames(prepared)).containsExactly("click_trans_id", "merchant_trans_id",
                "merchant_prepare_id", "error", "error_note");
        Payment paid = order("order-1");
        assertThat(paid.state()).isEqualTo(PaymentState.PAID);
        assertThat(paid.providerTransactionId()).contains("901");
        assertThat(paid.paidAt()).contains(T0.plusSeconds(20));
        assertThat(subscriptions.findFor(new TelegramUserId(701)).hasGrant(new PaymentId("order-1"))).isTrue();
        assertThat(clicks.find(901)).contains(new ClickTransaction(901, new PaymentId("order-1"), prepareId, "1000",
                State.CONFIRMED, T0, Optional.of(T0.plusSeconds(20))));
        assertThat(settle.appliedCount()).isEqualTo(1);
    }

    @Test
    void the_reply_is_http_200_json_whatever_the_code() {
        ClickReply good = api.prepare(body(prepareForm(902, "order-1", "1000")), FORM);
        ClickReply bad = api.prepare("{\"not\":\"a form\"}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(good.httpStatus()).isEqualTo(200);
        assertThat(bad.httpStatus()).isEqualTo(200);
        assertThat(ClickReply.CONTENT_TYPE).startsWith("application/json");
        assertThat(good.error()).isZero();
        assertThat(bad.error()).isEqualTo(-8);
    }

    @Test
    void a_repeated_prepare_answers_the_same_prepare_id() {
        long first = prepare(prepareForm(903, "order-1", "1000")).get("merchant_prepare_id").asLong();
        clock.advance(Duration.ofMinutes(1));

        JsonNode again = prepare(prepareForm(903, "order-1", "1000.00"));

        assertThat(again.get("error").asInt()).isZero();
        assertThat(again.get("merchant_prepare_id").asLong()).isEqualTo(first);
        assertThat(clicks.find(903).orElseThrow().preparedAt()).isEqualTo(T0);
        assertThat(clicks.find(903).orElseThrow().amount()).isEqualTo("1000");
    }

    @Test
    void a_repeated_complete_answers_minus_4_and_changes_nothing() {
        long prepareId = prepareId(904);
        complete(completeForm(904, "order-1", prepareId, "1000", "0"));
        Payment paidOnce = order("order-1");
        Optional<ClickTransaction> confirmedOnce = clicks.find(904);
        clock.advance(Duration.ofMinutes(5));

        JsonNode again = complete(completeForm(904, "order-1", prepareId, "1000", "0"));

        assertThat(again.get("error").asInt()).isEqualTo(-4);
        assertThat(again.get("error_note").asText()).isEqualTo("Already paid");
        assertThat(again.get("merchant_confirm_id").asLong()).isEqualTo(prepareId);
        assertThat(order("order-1")).isEqualTo(paidOnce);
        assertThat(clicks.find(904)).isEqualTo(confirmedOnce);
        assertThat(settle.appliedCount()).isEqualTo(1);
        assertThat(subscriptions.findFor(new TelegramUserId(701)).grants()).hasSize(1);
    }

    // ---------------------------------------------------------------- amounts

    @Test
    void amounts_are_sum_with_or_without_decimals_and_compared_within_a_tiyin() {
        order("order-2", 1000, PaymentProvider.CLICK);
        order("order-3", 1000, PaymentProvider.CLICK);
        order("order-4", 1000, PaymentProvider.CLICK);
        order("order-5", 1000, PaymentProvider.CLICK);

        assertThat(prepare(prepareForm(911, "order-1", "1000")).get("error").asInt()).isZero();
        assertThat(prepare(prepareForm(912, "order-2", "1000.00")).get("error").asInt()).isZero();
        assertThat(prepare(prepareForm(913, "order-3", "999.99")).get("error").asInt()).isEqualTo(-2);
        assertThat(prepare(prepareForm(914, "order-4", "1000.01")).get("error").asInt()).isEqualTo(-2);
        assertThat(prepare(prepareForm(915, "order-5", "999.995")).get("error").asInt()).isZero();
        assertThat(prepare(prepareForm(916, "order-3", "100000")).get("error").asInt()).isEqualTo(-2);
        assertThat(clicks.find(913)).isEmpty();
        assertThat(clicks.find(914)).isEmpty();

        assertThat(complete(completeForm(912, "order-2", clicks.find(912).orElseThrow().prepareId(), "1000.00", "0"))
                .get("error").asInt()).isZero();
        assertThat(complete(completeForm(911, "order-1", clicks.find(911).orElseThrow().prepareId(), "999.99", "0"))
                .get("error").asInt()).isEqualTo(-2);
        assertThat(order("order-1").state()).isEqualTo(PaymentState.CREATED);
        assertThat(clicks.find(911).orElseThrow().state()).isEqualTo(State.PREPARED);
    }

    @Test
    void an_amount_in_tiyin_is_converted_exactly() {
        payments.save(Payment.create(new PaymentId("order-cents"), new TelegramUserId(701), Plan.MONTH,
                new Money(9_990_050, io.mentorium.domain.payment.Currency.UZS), PaymentProvider.CLICK, T0));

        assertThat(prepare(prepareForm(921, "order-cents", "99900.50")).get("error").asInt()).isZero();
        assertThat(prepare(prepareForm(922, "order-cents", "99900.5")).get("error").asInt()).isZero();
        assertThat(prepare(prepareForm(923, "order-cents", "99900.49")).get("error").asInt()).isEqualTo(-2);
    }

    // ---------------------------------------------------------------- signatures

    @Test
    void a_bad_signature_on_prepare_answers_minus_1_and_stores_nothing() {
        Map<String, String> forged = prepareForm(931, "order-1", "1000");
        forged.put("sign_string", md5("forged"));

        assertThat(prepare(forged).get("error").asInt()).isEqualTo(-1);
        assertThat(clicks.find(931)).isEmpty();
    }

    @Test
    void a_bad_signature_on_complete_answers_minus_1_and_changes_nothing() {
        long prepareId = prepareId(932);
        Map<String, String> forged = completeForm(932, "order-1", prepareId, "1000", "0");
        forged.put("sign_string", forged.get("sign_string").replace(forged.get("sign_string").charAt(0),
                forged.get("sign_string").charAt(0) == 'a' ? 'b' : 'a'));

        assertThat(complete(forged).get("error").asInt()).isEqualTo(-1);
        assertThat(order("order-1").state()).isEqualTo(PaymentState.CREATED);
        assertThat(clicks.find(932).orElseThrow().state()).isEqualTo(State.PREPARED);
        assertThat(settle.appliedCount()).isZero();
    }

    @Test
    void the_signature_covers_the_values_exactly_as_received() {
        Map<String, String> reformatted = prepareForm(933, "order-1", "1000");
        reformatted.put("amount", "1000.00");
        assertThat(prepare(reformatted).get("error").asInt()).isEqualTo(-1);

        long prepareId = prepareId(934);
        Map<String, String> withoutPrepareId = completeForm(934, "order-1", prepareId, "1000", "0");
        // What a sample library signs for Complete: the Prepare formula, without merchant_prepare_id.
        withoutPrepareId.put("sign_string", md5("934" + SERVICE_ID + SECRET + "order-1" + "1000" + "1" + SIGN_TIME));
        assertThat(complete(withoutPrepareId).get("error").asInt()).isEqualTo(-1);

        Map<String, String> upperCase = prepareForm(935, "order-1", "1000");
        upperCase.put("sign_string", upperCase.get("sign_string").toUpperCase());
        assertThat(prepare(upperCase).get("error").asInt()).isZero();
    }

    @Test
    void another_service_id_answers_minus_1_even_when_signed_with_our_key() {
        Map<String, String> elsewhere = prepareForm(936, "order-1", "1000");
        elsewhere.put("service_id", "99999");
        sign(elsewhere, false);

        assertThat(prepare(elsewhere).get("error").asInt()).isEqualTo(-1);
        assertThat(clicks.find(936)).isEmpty();
    }

    // ---------------------------------------------------------------- the check order

    @Test
    void missing_fields_come_first() {
        Map<String, String> form = prepareForm(941, "nobody", "1");
        form.remove("sign_time");
        form.put("sign_string", md5("forged"));
        form.put("action", "7");

        assertThat(prepare(form).get("error").asInt()).isEqualTo(-8);
    }

    @Test
    void then_the_signature() {
        Map<String, String> form = prepareForm(942, "nobody", "1");
        form.put("action", "7");
        form.put("sign_string", md5("forged"));

        assertThat(prepare(form).get("error").asInt()).isEqualTo(-1);
    }

    @Test
    void then_the_action() {
        Map<String, String> onPrepare = prepareForm(943, "nobody", "1");
        onPrepare.put("action", "1");
        sign(onPrepare, false);
        Map<String, String> unknown = prepareForm(944, "nobody", "1");
        unknown.put("action", "5");
        sign(unknown, false);
        Map<String, String> onComplete = completeForm(945, "nobody", 1, "1", "0");
        onComplete.put("action", "0");
        sign(onComplete, true);

        assertThat(prepare(onPrepare).get("error").asInt()).isEqualTo(-3);
        assertThat(prepare(unknown).get("error").asInt()).isEqualTo(-3);
        assertThat(complete(onComplete).get("error").asInt()).isEqualTo(-3);
    }

    @Test
    void then_the_order_and_the_click_transaction() {
        long prepareId = prepareId(946);
        paidThroughAnotherTransaction("order-1");

        assertThat(prepare(prepareForm(947, "nobody", "1")).get("error").asInt()).isEqualTo(-5);
        assertThat(complete(completeForm(946, "nobody", prepareId, "1", "0")).get("error").asInt()).isEqualTo(-5);
        // The order is paid and the amount wrong, but the prepare id is not ours: -6 first.
        assertThat(complete(completeForm(946, "order-1", prepareId + 100, "5", "0")).get("error").asInt())
                .isEqualTo(-6);
        assertThat(complete(completeForm(948, "order-1", prepareId, "5", "0")).get("error").asInt()).isEqualTo(-6);
    }

    @Test
    void then_already_paid_before_a_wrong_amount() {
        long prepareId = prepareId(951);
        paidThroughAnotherTransaction("order-1");

        assertThat(prepare(prepareForm(952, "order-1", "5")).get("error").asInt()).isEqualTo(-4);
        assertThat(complete(completeForm(951, "order-1", prepareId, "5", "-5017")).get("error").asInt())
                .isEqualTo(-4);
        assertThat(clicks.find(951).orElseThrow().state()).isEqualTo(State.PREPARED);
    }

    @Test
    void then_a_wrong_amount_before_cancelled() {
        long prepareId = prepareId(953);
        cancel("order-1");

        assertThat(prepare(prepareForm(954, "order-1", "5")).get("error").asInt()).isEqualTo(-2);
        assertThat(complete(completeForm(953, "order-1", prepareId, "5", "0")).get("error").asInt()).isEqualTo(-2);
        assertThat(prepare(prepareForm(955, "order-1", "1000")).get("error").asInt()).isEqualTo(-9);
        assertThat(complete(completeForm(953, "order-1", prepareId, "1000", "0")).get("error").asInt())
                .isEqualTo(-9);
        assertThat(clicks.find(953).orElseThrow().state()).isEqualTo(State.PREPARED);
        assertThat(settle.appliedCount()).isZero();
    }

    @Test
    void an_order_for_another_provider_does_not_exist_for_click() {
        order("order-payme", 1000, PaymentProvider.PAYME);

        assertThat(prepare(prepareForm(956, "order-payme", "1000")).get("error").asInt()).isEqualTo(-5);
        assertThat(prepare(prepareForm(957, "order-payme", "5")).get("error").asInt()).isEqualTo(-5);
        assertThat(clicks.find(956)).isEmpty();
    }

    // ---------------------------------------------------------------- unknown order, unknown prepare

    @Test
    void an_unknown_order_answers_minus_5() {
        JsonNode reply = prepare(prepareForm(961, "no-such-order", "1000"));

        assertThat(reply.get("error").asInt()).isEqualTo(-5);
        assertThat(reply.get("merchant_prepare_id").isNull()).isTrue();
        assertThat(clicks.find(961)).isEmpty();
        assertThat(prepare(prepareForm(962, "not an id!", "1000")).get("error").asInt()).isEqualTo(-5);
    }

    @Test
    void a_complete_without_its_prepare_answers_minus_6() {
        long otherPrepare = prepareId(963);

        assertThat(complete(completeForm(964, "order-1", otherPrepare, "1000", "0")).get("error").asInt())
                .isEqualTo(-6);
        assertThat(complete(completeForm(963, "order-1", otherPrepare + 1, "1000", "0")).get("error").asInt())
                .isEqualTo(-6);
        assertThat(order("order-1").state()).isEqualTo(PaymentState.CREATED);
        assertThat(clicks.find(964)).isEmpty();
    }

    @Test
    void a_click_transaction_cannot_move_to_another_order() {
        order("order-2", 1000, PaymentProvider.CLICK);
        long prepareId = prepareId(965);

        assertThat(prepare(prepareForm(965, "order-2", "1000")).get("error").asInt()).isEqualTo(-6);
        assertThat(complete(completeForm(965, "order-2", prepareId, "1000", "0")).get("error").asInt())
                .isEqualTo(-6);
        assertThat(clicks.find(965).orElseThrow().orderId()).isEqualTo(new PaymentId("order-1"));
    }

    // ---------------------------------------------------------------- Click's own failure

    @Test
    void clicks_own_error_on_complete_cancels_the_transaction_and_releases_the_order() {
        long prepareId = prepareId(971);

        JsonNode failed = complete(completeForm(971, "order-1", prepareId, "1000", "-5017"));

        assertThat(failed.get("error").asInt()).isEqualTo(-9);
        assertThat(failed.get("error_note").asText()).isEqualTo("Transaction cancelled");
        assertThat(clicks.find(971).orElseThrow().state()).isEqualTo(State.CANCELLED);
        assertThat(order("order-1").state()).isEqualTo(PaymentState.CREATED);
        assertThat(settle.appliedCount()).isZero();
        // The cancelled Click transaction stays cancelled...
        assertThat(complete(completeForm(971, "order-1", prepareId, "1000", "0")).get("error").asInt())
                .isEqualTo(-9);
        assertThat(prepare(prepareForm(971, "order-1", "1000")).get("error").asInt()).isEqualTo(-9);
        // ...and the order is free for the parent's next try.
        long retry = prepareId(972);
        assertThat(complete(completeForm(972, "order-1", retry, "1000", "0")).get("error").asInt()).isZero();
        assertThat(order("order-1").providerTransactionId()).contains("972");
    }

    // ---------------------------------------------------------------- malformed requests

    @Test
    void every_missing_field_answers_minus_8() {
        List<String> prepareFields = List.of("click_trans_id", "service_id", "merchant_trans_id", "amount", "action",
                "error", "sign_time", "sign_string");
        for (String field : prepareFields) {
            Map<String, String> form = prepareForm(981, "order-1", "1000");
            form.remove(field);
            assertThat(prepare(form).get("error").asInt()).as("without " + field).isEqualTo(-8);
            form.put(field, "");
            assertThat(prepare(form).get("error").asInt()).as("empty " + field).isEqualTo(-8);
        }
        long prepareId = prepareId(982);
        for (String field : List.of("merchant_prepare_id", "click_trans_id", "amount", "error", "sign_string")) {
            Map<String, String> form = completeForm(982, "order-1", prepareId, "1000", "0");
            form.remove(field);
            assertThat(complete(form).get("error").asInt()).as("without " + field).isEqualTo(-8);
        }
        assertThat(clicks.find(981)).isEmpty();
        assertThat(clicks.find(982).orElseThrow().state()).isEqualTo(State.PREPARED);
    }

    @Test
    void the_optional_fields_may_be_absent() {
        Map<String, String> form = prepareForm(983, "order-1", "1000");
        form.remove("click_paydoc_id");
        form.remove("error_note");

        assertThat(prepare(form).get("error").asInt()).isZero();
    }

    @Test
    void malformed_bodies_answer_minus_8_as_json() throws Exception {
        byte[] good = body(prepareForm(984, "order-1", "1000"));
        List<ClickReply> replies = List.of(
                api.prepare(good, "application/json"),
                api.prepare(good, null),
                api.prepare(good, FORM + "; charset=windows-1251"),
                api.prepare("{\"click_trans_id\":984}".getBytes(StandardCharsets.UTF_8), FORM),
                api.prepare("click_trans_id=%zz&amount=1000".getBytes(StandardCharsets.UTF_8), FORM),
                api.prepare("click_trans_id=98%".getBytes(StandardCharsets.UTF_8), FORM),
                api.prepare(new byte[] {'a', '=', (byte) 0xC3, (byte) 0x28}, FORM),
                api.prepare("a=%C3%28".getBytes(StandardCharsets.UTF_8), FORM),
                api.prepare((new String(good, StandardCharsets.UTF_8) + "&amount=1000").getBytes(StandardCharsets.UTF_8), FORM),
                api.prepare(new byte[0], FORM),
                api.prepare(null, FORM),
                api.complete("&&&===".getBytes(StandardCharsets.UTF_8), FORM));
        for (ClickReply reply : replies) {
            assertThat(reply.error()).isEqualTo(-8);
            JsonNode json = JSON.readTree(reply.json());
            assertThat(json.get("error").asInt()).isEqualTo(-8);
            assertThat(json.get("error_note").asText()).isEqualTo("Error in request from click");
        }
        assertThat(clicks.find(984)).isEmpty();
    }

    @Test
    void malformed_values_answer_minus_8_before_the_signature_is_looked_at() {
        for (String[] bad : List.of(
                new String[] {"click_trans_id", "abc"}, new String[] {"click_trans_id", "-5"},
                new String[] {"click_trans_id", "0"}, new String[] {"click_trans_id", "12345678901234567890"},
                new String[] {"amount", "1e3"}, new String[] {"amount", "-1000"}, new String[] {"amount", "1,000"},
                new String[] {"amount", "1000."}, new String[] {"amount", "9999999999999999"},
                new String[] {"error", "none"})) {
            Map<String, String> form = prepareForm(985, "order-1", "1000");
            form.put(bad[0], bad[1]);
            sign(form, false);
            JsonNode reply = prepare(form);
            assertThat(reply.get("error").asInt()).as(bad[0] + "=" + bad[1]).isEqualTo(-8);
        }
        assertThat(clicks.find(985)).isEmpty();
    }

    @Test
    void percent_encoded_values_are_decoded_before_signing() {
        Map<String, String> form = prepareForm(986, "order-1", "1000");
        form.put("error_note", "Успешно & OK");
        String encoded = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        ClickReply reply = api.prepare(encoded.getBytes(StandardCharsets.UTF_8), "Application/X-WWW-Form-Urlencoded; charset=UTF-8");

        assertThat(reply.error()).isZero();
    }

    // ---------------------------------------------------------------- failures and races

    @Test
    void a_storage_failure_answers_minus_7_and_commits_nothing() {
        ClickTransactions broken = new ClickTransactions() {
            @Override
            public Optional<ClickTransaction> find(long clickTransId) {
                throw new StorageException("the database is down");
            }

            @Override
            public long prepare(long clickTransId, PaymentId orderId, String amount, Instant at) {
                throw new StorageException("the database is down");
            }

            @Override
            public boolean finish(long clickTransId, State state, Instant at) {
                throw new StorageException("the database is down");
            }
        };
        ClickShopApi failing = new ClickShopApi(new PaymentSettings.Click(SERVICE_ID, "27153", SECRET), settle,
                broken, transactions, clock);

        ClickReply reply = failing.prepare(body(prepareForm(991, "order-1", "1000")), FORM);

        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(reply.error()).isEqualTo(-7);
        assertThat(reply.json()).doesNotContain("Exception").doesNotContain("database");
    }

    @Test
    void an_order_cancelled_between_check_and_settlement_rolls_the_claim_back() {
        long prepareId = prepareId(992);
        settle.beforeSettle(() -> cancel("order-1"));

        JsonNode reply = complete(completeForm(992, "order-1", prepareId, "1000", "0"));

        assertThat(reply.get("error").asInt()).isEqualTo(-9);
        assertThat(clicks.find(992).orElseThrow().state()).isEqualTo(State.PREPARED);
        assertThat(settle.appliedCount()).isZero();
    }

    @Test
    void two_threads_completing_the_same_click_transaction_apply_it_once() throws Exception {
        long prepareId = prepareId(993);
        // Both threads pass the order check before either claims the Click transaction: the worst interleaving.
        CountDownLatch bothChecked = new CountDownLatch(2);
        settle.beforeCheck(() -> {
            bothChecked.countDown();
            await(bothChecked);
        });
        Map<String, String> form = completeForm(993, "order-1", prepareId, "1000", "0");
        Callable<Integer> completeOnce = () -> api.complete(body(form), FORM).error();

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = threads.submit(completeOnce);
            Future<Integer> second = threads.submit(completeOnce);

            assertThat(List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(0, -4);
        } finally {
            threads.shutdownNow();
        }
        assertThat(settle.appliedCount()).isEqualTo(1);
        assertThat(order("order-1").providerTransactionId()).contains("993");
        assertThat(subscriptions.findFor(new TelegramUserId(701)).grants()).hasSize(1);
        assertThat(clicks.find(993).orElseThrow().state()).isEqualTo(State.CONFIRMED);
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode prepare(Map<String, String> form) {
        return parse(api.prepare(body(form), FORM));
    }

    private JsonNode complete(Map<String, String> form) {
        return parse(api.complete(body(form), FORM));
    }

    private long prepareId(long clickTransId) {
        JsonNode prepared = prepare(prepareForm(clickTransId, "order-1", "1000"));
        assertThat(prepared.get("error").asInt()).isZero();
        return prepared.get("merchant_prepare_id").asLong();
    }

    private static JsonNode parse(ClickReply reply) {
        try {
            JsonNode json = JSON.readTree(reply.json());
            assertThat(json.get("error").asInt()).isEqualTo(reply.error());
            return json;
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + reply.json(), e);
        }
    }

    private static List<String> fieldNames(JsonNode json) {
        return json.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static Map<String, String> prepareForm(long clickTransId, String orderId, String amount) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("click_trans_id", Long.toString(clickTransId));
        form.put("service_id", SERVICE_ID);
        form.put("click_paydoc_id", "1107" + clickTransId);
        form.put("merchant_trans_id", orderId);
        form.put("amount", amount);
        form.put("action", "0");
        form.put("error", "0");
        form.put("error_note", "Success");
        form.put("sign_time", SIGN_TIME);
        sign(form, false);
        return form;
    }

    private static Map<String, String> completeForm(long clickTransId, String orderId, long prepareId, String amount,
                                                    String clickError) {
        Map<String, String> form = prepareForm(clickTransId, orderId, amount);
        form.put("merchant_prepare_id", Long.toString(prepareId));
        form.put("action", "1");
        form.put("error", clickError);
        form.put("error_note", clickError.equals("0") ? "Success" : "Insufficient funds");
        sign(form, true);
        return form;
    }

    /** The documented formulas, written out here rather than borrowed from the code under test. */
    private static void sign(Map<String, String> form, boolean complete) {
        String plain = form.getOrDefault("click_trans_id", "") + form.getOrDefault("service_id", "") + SECRET
                + form.getOrDefault("merchant_trans_id", "")
                + (complete ? form.getOrDefault("merchant_prepare_id", "") : "")
                + form.getOrDefault("amount", "") + form.getOrDefault("action", "")
                + form.getOrDefault("sign_time", "");
        form.put("sign_string", md5(plain));
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] body(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private void order(String id, long sum, PaymentProvider provider) {
        payments.save(Payment.create(new PaymentId(id), new TelegramUserId(701), Plan.MONTH, Money.uzs(sum), provider,
                T0.minus(Duration.ofMinutes(10))));
    }

    private Payment order(String id) {
        return payments.findById(new PaymentId(id)).orElseThrow();
    }

    private void paidThroughAnotherTransaction(String id) {
        Payment order = order(id);
        order.attachProviderTransaction("elsewhere-1");
        order.markPaid(T0);
        payments.save(order);
    }

    private void cancel(String id) {
        Payment order = order(id);
        order.cancel(T0, 0);
        payments.save(order);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other thread never arrived");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Refuses every call outside a transaction, so the tests prove the Click rows change inside one. */
    private static final class OnlyInTransaction implements ClickTransactions {

        private final ClickTransactions delegate;
        private final PerThreadTransactionRunner transactions;

        OnlyInTransaction(ClickTransactions delegate, PerThreadTransactionRunner transactions) {
            this.delegate = delegate;
            this.transactions = transactions;
        }

        @Override
        public Optional<ClickTransaction> find(long clickTransId) {
            // The test itself reads outside transactions; only the writes are held to one.
            return delegate.find(clickTransId);
        }

        @Override
        public long prepare(long clickTransId, PaymentId orderId, String amount, Instant at) {
            require();
            return delegate.prepare(clickTransId, orderId, amount, at);
        }

        @Override
        public boolean finish(long clickTransId, State state, Instant at) {
            require();
            return delegate.finish(clickTransId, state, at);
        }

        private void require() {
            if (!transactions.active()) {
                throw new IllegalStateException("Click transaction written outside a transaction");
            }
        }
    }
}
