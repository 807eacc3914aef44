package io.mentorium.adapters.payments.payme;

import static io.mentorium.adapters.payments.payme.PaymeFixture.KEY;
import static io.mentorium.adapters.payments.payme.PaymeFixture.PARENT;
import static io.mentorium.adapters.payments.payme.PaymeFixture.PRICE_TIYIN;
import static io.mentorium.adapters.payments.payme.PaymeFixture.basic;
import static io.mentorium.adapters.payments.payme.PaymeFixture.code;
import static io.mentorium.adapters.payments.payme.PaymeFixture.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.out.MerchantKeys;
import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Plan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymeMerchantApiTest {

    private final PaymeFixture payme = new PaymeFixture();

    @Nested
    class CheckPerformTransaction {

        private JsonNode checkPerform(String amount, String account) {
            return payme.call("CheckPerformTransaction", "{\"amount\":" + amount + ",\"account\":" + account + "}");
        }

        @Test
        void a_payable_order_is_allowed() {
            payme.order("order-1");

            JsonNode reply = checkPerform(String.valueOf(PRICE_TIYIN), "{\"order_id\":\"order-1\"}");

            assertThat(result(reply).get("allow").asBoolean()).isTrue();
            assertThat(reply.get("id").asInt()).isEqualTo(1);
        }

        @Test
        void a_wrong_amount_is_31001() {
            payme.order("order-1");

            JsonNode reply = checkPerform(String.valueOf(PRICE_TIYIN - 100), "{\"order_id\":\"order-1\"}");

            assertThat(code(reply)).isEqualTo(-31001);
            assertThat(reply.at("/error/data").asText()).isEqualTo("amount");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-5", "9900000.5"})
        void an_amount_that_is_not_positive_and_whole_is_a_wrong_amount(String amount) {
            payme.order("order-1");

            assertThat(code(checkPerform(amount, "{\"order_id\":\"order-1\"}"))).isEqualTo(-31001);
        }

        @Test
        void a_whole_amount_written_with_decimals_is_accepted() {
            payme.order("order-1");

            assertThat(result(checkPerform(PRICE_TIYIN + ".00", "{\"order_id\":\"order-1\"}")).get("allow").asBoolean())
                    .isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"order_id\":\"nope\"}", "{}", "{\"order_id\":\"bad id!\"}", "{\"order_id\":null}",
                "{\"order_id\":{\"x\":1}}", "{\"other\":\"order-1\"}"})
        void an_unknown_or_invalid_account_is_31050_naming_the_field(String account) {
            payme.order("order-1");

            JsonNode reply = checkPerform(String.valueOf(PRICE_TIYIN), account);

            assertThat(code(reply)).isEqualTo(-31050);
            assertThat(reply.at("/error/data").asText()).isEqualTo("order_id");
        }

        @Test
        void an_order_id_sent_as_a_number_is_read_as_text() {
            payme.order("12345");

            assertThat(result(checkPerform(String.valueOf(PRICE_TIYIN), "{\"order_id\":12345}")).get("allow").asBoolean())
                    .isTrue();
        }

        @Test
        void a_paid_order_a_cancelled_order_and_one_awaiting_another_transaction_are_refused() {
            payme.order("paid");
            payme.create("p-paid", payme.now(), "paid");
            payme.perform("p-paid");
            Payment cancelled = payme.order("cancelled");
            cancelled.cancel(payme.clock.instant(), 3);
            payme.payments.save(cancelled);
            payme.order("busy");
            payme.create("p-busy", payme.now(), "busy");

            assertThat(code(checkPerform(String.valueOf(PRICE_TIYIN), "{\"order_id\":\"paid\"}"))).isEqualTo(-31052);
            assertThat(code(checkPerform(String.valueOf(PRICE_TIYIN), "{\"order_id\":\"cancelled\"}"))).isEqualTo(-31053);
            assertThat(code(checkPerform(String.valueOf(PRICE_TIYIN), "{\"order_id\":\"busy\"}"))).isEqualTo(-31051);
        }

        @Test
        void an_order_to_be_paid_with_another_provider_is_not_found_and_not_paid() {
            payme.payments.save(Payment.create(new PaymentId("click-order"), PARENT, Plan.MONTH,
                    new Money(PRICE_TIYIN, Currency.UZS), PaymentProvider.CLICK, payme.clock.instant()));
            payme.payments.save(Payment.create(new PaymentId("stars-order"), PARENT, Plan.MONTH, Money.stars(250),
                    PaymentProvider.STARS, payme.clock.instant()));

            for (String order : List.of("click-order", "stars-order")) {
                assertThat(code(checkPerform(String.valueOf(PRICE_TIYIN), "{\"order_id\":\"" + order + "\"}")))
                        .as(order).isEqualTo(-31050);
                assertThat(code(payme.create("p-" + order, payme.now(), order))).as(order).isEqualTo(-31050);
            }
            assertThat(payme.stored("click-order").state()).isEqualTo(PaymentState.CREATED);
        }

        @Test
        void missing_or_ill_typed_fields_are_32600() {
            assertThat(code(checkPerform("\"9900000\"", "{\"order_id\":\"order-1\"}"))).isEqualTo(-32600);
            assertThat(code(checkPerform(String.valueOf(PRICE_TIYIN), "\"order-1\""))).isEqualTo(-32600);
            assertThat(code(payme.call("CheckPerformTransaction", "{\"account\":{\"order_id\":\"x\"}}")))
                    .isEqualTo(-32600);
        }
    }

    @Nested
    class TheSandboxSequences {

        @Test
        void create_repeat_check_second_transaction_then_cancel_twice() {
            payme.order("order-1");
            long time = payme.now() - 1_000;

            JsonNode created = result(payme.create("p-1", time, "order-1"));
            assertThat(created.get("state").asInt()).isEqualTo(1);
            assertThat(created.get("create_time").asLong()).isEqualTo(payme.now());
            assertThat(created.get("transaction").asText()).isNotBlank();

            payme.clock.advance(Duration.ofSeconds(7));
            assertThat(result(payme.create("p-1", time, "order-1"))).isEqualTo(created);

            JsonNode checked = result(payme.check("p-1"));
            assertThat(checked.get("create_time")).isEqualTo(created.get("create_time"));
            assertThat(checked.get("perform_time").asLong()).isZero();
            assertThat(checked.get("cancel_time").asLong()).isZero();
            assertThat(checked.get("transaction")).isEqualTo(created.get("transaction"));
            assertThat(checked.get("state").asInt()).isEqualTo(1);
            assertThat(checked.get("reason").isNull()).isTrue();

            assertThat(code(payme.create("p-2", time, "order-1"))).isEqualTo(-31008);
            assertThat(payme.transactions.find("p-2")).isEmpty();

            long cancelledAt = payme.now();
            JsonNode cancelled = result(payme.cancel("p-1", 3));
            assertThat(cancelled.get("state").asInt()).isEqualTo(-1);
            assertThat(cancelled.get("cancel_time").asLong()).isEqualTo(cancelledAt);
            assertThat(cancelled.get("transaction")).isEqualTo(created.get("transaction"));

            payme.clock.advance(Duration.ofSeconds(5));
            assertThat(result(payme.cancel("p-1", 3))).isEqualTo(cancelled);
            assertThat(result(payme.check("p-1")).get("reason").asInt()).isEqualTo(3);
            assertThat(payme.stored("order-1").state()).isEqualTo(PaymentState.CANCELLED);
            assertThat(code(payme.create("p-1", time, "order-1"))).isEqualTo(-31008);
            assertThat(code(payme.perform("p-1"))).isEqualTo(-31008);
        }

        @Test
        void create_perform_twice_then_cancel_after_perform_refunds() {
            payme.order("order-1");
            result(payme.create("p-1", payme.now(), "order-1"));
            payme.clock.advance(Duration.ofMinutes(1));
            long performedAt = payme.now();

            JsonNode performed = result(payme.perform("p-1"));
            assertThat(performed.get("state").asInt()).isEqualTo(2);
            assertThat(performed.get("perform_time").asLong()).isEqualTo(performedAt);
            Payment paid = payme.stored("order-1");
            assertThat(paid.state()).isEqualTo(PaymentState.PAID);
            assertThat(paid.providerTransactionId()).contains("p-1");
            assertThat(payme.subscriptions.findFor(PARENT).hasGrant(paid.id())).isTrue();

            payme.clock.advance(Duration.ofSeconds(3));
            assertThat(result(payme.perform("p-1"))).isEqualTo(performed);
            assertThat(payme.settle.appliedCount()).isEqualTo(1);

            payme.clock.advance(Duration.ofHours(1));
            long cancelledAt = payme.now();
            JsonNode refunded = result(payme.cancel("p-1", 5));
            assertThat(refunded.get("state").asInt()).isEqualTo(-2);
            assertThat(refunded.get("cancel_time").asLong()).isEqualTo(cancelledAt);
            assertThat(payme.stored("order-1").state()).isEqualTo(PaymentState.REFUNDED);
            assertThat(payme.subscriptions.findFor(PARENT).hasGrant(paid.id())).isFalse();

            payme.clock.advance(Duration.ofSeconds(3));
            assertThat(result(payme.cancel("p-1", 5))).isEqualTo(refunded);
            assertThat(payme.settle.refundedCount()).isEqualTo(1);
            JsonNode checked = result(payme.check("p-1"));
            assertThat(checked.get("state").asInt()).isEqualTo(-2);
            assertThat(checked.get("perform_time").asLong()).isEqualTo(performedAt);
            assertThat(checked.get("cancel_time").asLong()).isEqualTo(cancelledAt);
            assertThat(checked.get("reason").asInt()).isEqualTo(5);
            assertThat(code(payme.perform("p-1"))).isEqualTo(-31008);
        }

        @Test
        void a_paid_order_refuses_a_new_transaction_with_31008() {
            payme.order("order-1");
            payme.create("p-1", payme.now(), "order-1");
            payme.perform("p-1");

            assertThat(code(payme.create("p-2", payme.now(), "order-1"))).isEqualTo(-31008);
        }

        @Test
        void a_create_for_an_unknown_order_or_a_wrong_amount_stores_nothing() {
            payme.order("order-1");

            assertThat(code(payme.create("p-1", payme.now(), "nope"))).isEqualTo(-31050);
            assertThat(code(payme.call("CreateTransaction", "{\"id\":\"p-1\",\"time\":" + payme.now()
                    + ",\"amount\":100,\"account\":{\"order_id\":\"order-1\"}}"))).isEqualTo(-31001);
            assertThat(payme.transactions.all()).isEmpty();
        }
    }

    @Nested
    class UnknownTransactions {

        @Test
        void perform_cancel_and_check_answer_31003() {
            assertThat(code(payme.perform("missing"))).isEqualTo(-31003);
            assertThat(code(payme.cancel("missing", 1))).isEqualTo(-31003);
            assertThat(code(payme.check("missing"))).isEqualTo(-31003);
        }
    }

    @Nested
    class Timeout {

        @Test
        void a_created_transaction_is_performable_until_exactly_twelve_hours_after_paymes_time() {
            payme.order("order-1");
            long time = payme.now();
            payme.create("p-1", time, "order-1");

            payme.clock.set(Instant.ofEpochMilli(time + PaymeMerchantApi.TIMEOUT_MS));

            assertThat(result(payme.perform("p-1")).get("state").asInt()).isEqualTo(2);
        }

        @Test
        void perform_after_the_timeout_cancels_with_reason_4_and_answers_31008() {
            payme.order("order-1");
            long time = payme.now();
            payme.create("p-1", time, "order-1");

            payme.clock.set(Instant.ofEpochMilli(time + PaymeMerchantApi.TIMEOUT_MS + 1));
            long touchedAt = payme.now();

            assertThat(code(payme.perform("p-1"))).isEqualTo(-31008);
            JsonNode checked = result(payme.check("p-1"));
            assertThat(checked.get("state").asInt()).isEqualTo(-1);
            assertThat(checked.get("reason").asInt()).isEqualTo(4);
            assertThat(checked.get("cancel_time").asLong()).isEqualTo(touchedAt);
            assertThat(payme.stored("order-1").state()).isEqualTo(PaymentState.CANCELLED);
            assertThat(payme.stored("order-1").cancelReason()).contains(4);
            assertThat(payme.settle.appliedCount()).isZero();
        }

        @Test
        void a_repeated_create_after_the_timeout_cancels_and_answers_31008() {
            payme.order("order-1");
            long time = payme.now();
            payme.create("p-1", time, "order-1");

            payme.clock.advance(Duration.ofHours(12).plusMillis(1));

            assertThat(code(payme.create("p-1", time, "order-1"))).isEqualTo(-31008);
            assertThat(result(payme.check("p-1")).get("reason").asInt()).isEqualTo(4);
        }

        @Test
        void the_timeout_counts_from_paymes_time_not_from_ours() {
            payme.order("order-1");
            long time = payme.now() - PaymeMerchantApi.TIMEOUT_MS + 60_000;
            payme.create("p-1", time, "order-1");

            payme.clock.advance(Duration.ofMinutes(2));

            assertThat(code(payme.perform("p-1"))).isEqualTo(-31008);
        }

        @Test
        void a_create_whose_time_is_already_past_the_timeout_is_refused_and_stores_nothing() {
            payme.order("order-1");

            assertThat(code(payme.create("p-1", payme.now() - PaymeMerchantApi.TIMEOUT_MS - 1, "order-1")))
                    .isEqualTo(-31008);
            assertThat(payme.transactions.all()).isEmpty();
            assertThat(payme.stored("order-1").state()).isEqualTo(PaymentState.CREATED);
        }
    }

    @Nested
    class Cancellation {

        @Test
        void an_unknown_reason_is_32600() {
            payme.order("order-1");
            payme.create("p-1", payme.now(), "order-1");

            JsonNode reply = payme.cancel("p-1", 7);

            assertThat(code(reply)).isEqualTo(-32600);
            assertThat(reply.at("/error/data").asText()).isEqualTo("reason");
            assertThat(result(payme.check("p-1")).get("state").asInt()).isEqualTo(1);
        }

        @Test
        void a_performed_transaction_that_cannot_be_refunded_is_31007_and_stays_performed() {
            PaymeFixture[] holder = new PaymeFixture[1];
            SettlePayment noRefunds = new SettlePayment() {
                @Override
                public Payability check(PaymentId orderId, Money amount) {
                    return holder[0].settle.check(orderId, amount);
                }

                @Override
                public Settlement settle(PaymentId orderId, String providerTransactionId, Instant paidAt) {
                    return holder[0].settle.settle(orderId, providerTransactionId, paidAt);
                }

                @Override
                public Cancellation cancel(PaymentId orderId, Instant at, int reason) {
                    return new Cancellation.UnknownOrder();
                }
            };
            PaymeFixture fixture = new PaymeFixture(noRefunds, null, null);
            holder[0] = fixture;
            fixture.order("order-1");
            fixture.create("p-1", fixture.now(), "order-1");
            JsonNode performed = result(fixture.perform("p-1"));

            assertThat(code(fixture.cancel("p-1", 5))).isEqualTo(-31007);
            assertThat(result(fixture.perform("p-1"))).isEqualTo(performed);
        }
    }

    @Nested
    class GetStatement {

        @Test
        void lists_every_transaction_within_inclusive_bounds_by_paymes_time_whatever_its_state() {
            long t = 1_795_000_000_000L;
            payme.clock.set(Instant.ofEpochMilli(t + 1_000));
            for (String id : List.of("o1", "o2", "o3", "o4", "o5")) {
                payme.order(id);
            }
            payme.create("late", t + 300, "o1");
            payme.create("early", t + 100, "o2");
            payme.create("middle", t + 200, "o3");
            payme.create("before", t + 99, "o4");
            payme.create("after", t + 301, "o5");
            payme.perform("late");
            payme.cancel("middle", 2);

            JsonNode list = result(payme.call("GetStatement", "{\"from\":" + (t + 100) + ",\"to\":" + (t + 300) + "}"))
                    .get("transactions");

            assertThat(list).extracting(entry -> entry.get("id").asText()).containsExactly("early", "middle", "late");
            JsonNode late = list.get(2);
            assertThat(late.get("time").asLong()).isEqualTo(t + 300);
            assertThat(late.get("amount").asLong()).isEqualTo(PRICE_TIYIN);
            assertThat(late.at("/account/order_id").asText()).isEqualTo("o1");
            assertThat(late.get("state").asInt()).isEqualTo(2);
            assertThat(late.get("perform_time").asLong()).isEqualTo(t + 1_000);
            assertThat(late.get("reason").isNull()).isTrue();
            assertThat(late.get("transaction").asText()).isEqualTo(result(payme.check("late")).get("transaction").asText());
            assertThat(list.get(1).get("state").asInt()).isEqualTo(-1);
            assertThat(list.get(1).get("reason").asInt()).isEqualTo(2);
        }

        @Test
        void an_empty_or_reversed_range_is_an_empty_list_and_bad_bounds_are_32600() {
            assertThat(result(payme.call("GetStatement", "{\"from\":5,\"to\":1}")).get("transactions")).isEmpty();
            assertThat(code(payme.call("GetStatement", "{\"from\":\"5\",\"to\":10}"))).isEqualTo(-32600);
            assertThat(code(payme.call("GetStatement", "{\"from\":5}"))).isEqualTo(-32600);
        }
    }

    @Nested
    class ChangePassword {

        @Test
        void the_new_key_is_stored_and_replaces_the_old_one() {
            JsonNode reply = payme.call("ChangePassword", "{\"password\":\"n3w-K3y%\"}");

            assertThat(result(reply).get("success").asBoolean()).isTrue();
            assertThat(payme.keys.current(PaymeMerchantApi.PROVIDER)).contains("n3w-K3y%");
            assertThat(code(payme.call("CheckTransaction", "{\"id\":\"x\"}"))).isEqualTo(-32504);
            assertThat(code(payme.call(Optional.of(basic("Paycom:n3w-K3y%")), "CheckTransaction", "{\"id\":\"x\"}")))
                    .isEqualTo(-31003);
        }

        @Test
        void a_missing_or_empty_password_is_32600_and_changes_nothing() {
            assertThat(code(payme.call("ChangePassword", "{}"))).isEqualTo(-32600);
            assertThat(code(payme.call("ChangePassword", "{\"password\":\"  \"}"))).isEqualTo(-32600);
            assertThat(code(payme.call("ChangePassword", "{\"password\":42}"))).isEqualTo(-32600);
            assertThat(payme.keys.current(PaymeMerchantApi.PROVIDER)).isEmpty();
        }
    }

    @Nested
    class Authorisation {

        static Stream<Arguments> every_method_with_every_bad_header() {
            List<String> methods = List.of("CheckPerformTransaction", "CreateTransaction", "PerformTransaction",
                    "CancelTransaction", "CheckTransaction", "GetStatement", "ChangePassword", "NoSuchMethod");
            List<Optional<String>> headers = List.of(Optional.empty(), Optional.of(basic("Paycom:wrong")),
                    Optional.of(basic("Paycom:" + KEY + "x")), Optional.of(basic("Payme:" + KEY)),
                    Optional.of(basic(KEY)), Optional.of("Basic !!!not-base64"), Optional.of("Bearer " + KEY),
                    Optional.of(""), Optional.of(basic("paycom:" + KEY)));
            return methods.stream().flatMap(m -> headers.stream().map(h -> Arguments.of(m, h)));
        }

        @ParameterizedTest
        @MethodSource("every_method_with_every_bad_header")
        void a_missing_or_wrong_authorisation_is_32504_and_changes_nothing(String method, Optional<String> header) {
            payme.order("order-1");
            payme.create("p-live", payme.now(), "order-1");
            payme.order("order-2");
            List<PaymeTransactions.PaymeTransaction> before = payme.transactions.all();
            String params = "{\"id\":\"p-live\",\"time\":" + payme.now() + ",\"amount\":" + PRICE_TIYIN
                    + ",\"account\":{\"order_id\":\"order-2\"},\"reason\":3,\"from\":0,\"to\":" + Long.MAX_VALUE
                    + ",\"password\":\"taken-over\"}";

            JsonNode reply = payme.call(header, method, params);

            assertThat(code(reply)).isEqualTo(-32504);
            assertThat(reply.has("result")).isFalse();
            assertThat(payme.transactions.all()).containsExactlyInAnyOrderElementsOf(before);
            assertThat(payme.stored("order-1").state()).isEqualTo(PaymentState.CREATED);
            assertThat(payme.keys.current(PaymeMerchantApi.PROVIDER)).isEmpty();
        }

        @Test
        void the_scheme_is_case_insensitive_as_http_says() {
            String header = "basic " + basic("Paycom:" + KEY).substring(6);

            assertThat(code(payme.call(Optional.of(header), "CheckTransaction", "{\"id\":\"x\"}"))).isEqualTo(-31003);
        }
    }

    @Nested
    class ProtocolErrors {

        @ParameterizedTest
        @ValueSource(strings = {"GET", "PUT", "DELETE", "HEAD"})
        void anything_but_post_is_32300(String method) {
            assertThat(code(payme.raw(method, Optional.of(basic("Paycom:" + KEY)), "{}"))).isEqualTo(-32300);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "{", "not json", "{\"method\":\"CheckTransaction\"} trailing",
                "{\"method\":\"a\",\"method\":\"b\"}", "{\"id\":1,}"})
        void unparsable_json_is_32700_with_a_null_id(String body) {
            JsonNode reply = payme.raw("POST", Optional.of(basic("Paycom:" + KEY)), body);

            assertThat(code(reply)).isEqualTo(-32700);
            assertThat(reply.get("id").isNull()).isTrue();
        }

        @Test
        void bytes_that_are_not_utf8_and_a_null_body_are_32700() {
            byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x7b, (byte) 0xc3};

            assertThat(code(payme.raw("POST", Optional.of(basic("Paycom:" + KEY)), garbage))).isEqualTo(-32700);
            assertThat(code(payme.raw("POST", Optional.of(basic("Paycom:" + KEY)), (byte[]) null))).isEqualTo(-32700);
        }

        @Test
        void deeply_nested_json_is_answered_not_thrown() {
            String body = "[".repeat(30_000) + "]".repeat(30_000);

            assertThat(code(payme.raw("POST", Optional.of(basic("Paycom:" + KEY)), body))).isIn(-32700, -32600);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1,2]", "42", "\"text\"", "null"})
        void a_body_that_is_not_an_object_is_32600(String body) {
            assertThat(code(payme.raw("POST", Optional.of(basic("Paycom:" + KEY)), body))).isIn(-32600, -32700);
        }

        @Test
        void a_missing_or_ill_typed_method_or_params_is_32600() {
            assertThat(code(payme.raw("POST", Optional.of(basic("Paycom:" + KEY)), "{\"params\":{},\"id\":1}")))
                    .isEqualTo(-32600);
            assertThat(code(payme.raw("POST", Optional.of(basic("Paycom:" + KEY)), "{\"method\":5,\"id\":1}")))
                    .isEqualTo(-32600);
            JsonNode noParams = payme.raw("POST", Optional.of(basic("Paycom:" + KEY)),
                    "{\"method\":\"CheckTransaction\",\"id\":7}");
            assertThat(code(noParams)).isEqualTo(-32600);
            assertThat(noParams.at("/error/data").asText()).isEqualTo("params");
            assertThat(noParams.get("id").asInt()).isEqualTo(7);
            assertThat(code(payme.call("CheckTransaction", "[]"))).isEqualTo(-32600);
        }

        @Test
        void ill_typed_transaction_fields_are_32600_naming_the_field() {
            payme.order("order-1");

            JsonNode numericId = payme.call("PerformTransaction", "{\"id\":123}");
            JsonNode textTime = payme.call("CreateTransaction", "{\"id\":\"p\",\"time\":\"now\",\"amount\":"
                    + PRICE_TIYIN + ",\"account\":{\"order_id\":\"order-1\"}}");
            JsonNode longId = payme.perform("x".repeat(256));

            assertThat(code(numericId)).isEqualTo(-32600);
            assertThat(numericId.at("/error/data").asText()).isEqualTo("id");
            assertThat(code(textTime)).isEqualTo(-32600);
            assertThat(textTime.at("/error/data").asText()).isEqualTo("time");
            assertThat(code(longId)).isEqualTo(-32600);
            assertThat(payme.transactions.all()).isEmpty();
        }

        @Test
        void an_unknown_method_is_32601_and_the_id_is_echoed() {
            JsonNode reply = payme.raw("POST", Optional.of(basic("Paycom:" + KEY)),
                    "{\"method\":\"Refund\",\"params\":{},\"id\":\"abc\"}");

            assertThat(code(reply)).isEqualTo(-32601);
            assertThat(reply.get("id").asText()).isEqualTo("abc");
        }

        @Test
        void a_storage_failure_is_32400_without_a_stack_trace_in_the_answer() {
            MerchantKeys broken = new MerchantKeys() {
                @Override
                public Optional<String> current(String provider) {
                    throw new StorageException("Could not load a merchant key (SQLState 08006)");
                }

                @Override
                public void replace(String provider, String key, Instant at) {
                    throw new StorageException("Could not replace a merchant key (SQLState 08006)");
                }
            };
            PaymeFixture fixture = new PaymeFixture(null, null, broken);

            JsonNode reply = fixture.call("CheckTransaction", "{\"id\":\"x\"}");

            assertThat(code(reply)).isEqualTo(-32400);
            assertThat(reply.toString()).doesNotContain("Exception", "SQLState", "at io.");
        }

        @Test
        void a_storage_failure_inside_a_call_is_retried_and_the_retry_answers() {
            AtomicInteger failuresLeft = new AtomicInteger(1);
            PaymeFixture[] holder = new PaymeFixture[1];
            PaymeTransactions flaky = new PaymeTransactions() {
                @Override
                public Optional<PaymeTransaction> find(String paymeId) {
                    return holder[0].transactions.find(paymeId);
                }

                @Override
                public Optional<PaymeTransaction> findLiveForOrder(PaymentId orderId) {
                    return holder[0].transactions.findLiveForOrder(orderId);
                }

                @Override
                public void save(PaymeTransaction transaction) {
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new StorageException("Could not save (SQLState 23505, constraint x)");
                    }
                    holder[0].transactions.save(transaction);
                }

                @Override
                public List<PaymeTransaction> createdBetween(long from, long to) {
                    return holder[0].transactions.createdBetween(from, to);
                }
            };
            holder[0] = new PaymeFixture(null, flaky, null);
            holder[0].order("order-1");

            JsonNode created = result(holder[0].create("p-1", holder[0].now(), "order-1"));

            assertThat(created.get("state").asInt()).isEqualTo(1);
            assertThat(holder[0].transactions.all()).hasSize(1);
        }
    }

    @Nested
    class Messages {

        @ParameterizedTest
        @EnumSource(PaymeError.class)
        void every_error_speaks_russian_uzbek_and_english(PaymeError error) {
            assertThat(error.ru()).isNotBlank().isNotEqualTo(error.en());
            assertThat(error.uz()).isNotBlank().isNotEqualTo(error.en()).isNotEqualTo(error.ru());
            assertThat(error.en()).isNotBlank();
            assertThat(error.ru()).containsPattern("\\p{IsCyrillic}");
        }

        @Test
        void an_error_answer_carries_all_three_languages_and_the_field() {
            JsonNode reply = payme.call("CheckPerformTransaction", "{\"amount\":100,\"account\":{\"order_id\":\"x\"}}");

            JsonNode error = reply.get("error");
            assertThat(error.get("code").asInt()).isEqualTo(-31050);
            assertThat(error.at("/message/ru").asText()).isEqualTo(PaymeError.ORDER_NOT_FOUND.ru());
            assertThat(error.at("/message/uz").asText()).isEqualTo(PaymeError.ORDER_NOT_FOUND.uz());
            assertThat(error.at("/message/en").asText()).isEqualTo(PaymeError.ORDER_NOT_FOUND.en());
            assertThat(error.get("data").asText()).isEqualTo("order_id");
        }

        @Test
        void error_codes_are_distinct() {
            assertThat(Stream.of(PaymeError.values()).map(PaymeError::code).distinct()).hasSize(PaymeError.values().length);
        }
    }

    @Nested
    class Concurrency {

        private <T> List<T> twice(Callable<T> call) throws Exception {
            CountDownLatch start = new CountDownLatch(1);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Callable<T> gated = () -> {
                    start.await();
                    return call.call();
                };
                Future<T> first = pool.submit(gated);
                Future<T> second = pool.submit(gated);
                start.countDown();
                return List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
            }
        }

        @Test
        void a_create_and_a_perform_sent_twice_at_once_are_applied_once_and_answered_identically() throws Exception {
            payme.order("order-1");
            long time = payme.now();

            List<JsonNode> creates = twice(() -> payme.create("p-1", time, "order-1"));
            List<JsonNode> performs = twice(() -> payme.perform("p-1"));

            assertThat(result(creates.get(0))).isEqualTo(result(creates.get(1)));
            assertThat(result(performs.get(0))).isEqualTo(result(performs.get(1)));
            assertThat(payme.transactions.all()).hasSize(1);
            assertThat(payme.settle.appliedCount()).isEqualTo(1);
            assertThat(payme.subscriptions.findFor(PARENT).grants()).hasSize(1);
        }

        @Test
        void two_transactions_for_one_order_at_once_leave_exactly_one() throws Exception {
            payme.order("order-1");
            long time = payme.now();
            AtomicInteger next = new AtomicInteger();

            List<JsonNode> replies = twice(() -> payme.create("p-" + next.incrementAndGet(), time, "order-1"));

            assertThat(replies).filteredOn(reply -> reply.has("result")).hasSize(1);
            assertThat(replies).filteredOn(reply -> reply.has("error"))
                    .singleElement().satisfies(reply -> assertThat(code(reply)).isEqualTo(-31008));
            assertThat(payme.transactions.all()).hasSize(1);
        }
    }

    @Test
    void the_reply_is_always_http_200_json() {
        PaymeReply reply = payme.api.handle("GET", Optional.empty(), "x".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).startsWith("{").contains("\"error\"");
    }
}
