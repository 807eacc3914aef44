package io.mentorium.adapters.payments.payme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.out.MerchantKeys;
import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryMerchantKeys;
import io.mentorium.application.testing.InMemoryPaymeTransactions;
import io.mentorium.application.testing.InMemoryPaymentRepository;
import io.mentorium.application.testing.InMemorySettlePayment;
import io.mentorium.application.testing.InMemorySubscriptionRepository;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** The handler over in-memory ports and a clock the test moves, with helpers to call it as PayMe would. */
final class PaymeFixture {

    static final String KEY = "Xk3#merchant&key";
    static final TelegramUserId PARENT = new TelegramUserId(4201);
    static final long PRICE_TIYIN = 9_900_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.123Z"));
    final InMemoryPaymentRepository payments = new InMemoryPaymentRepository();
    final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    final DirectTransactionRunner runner = new DirectTransactionRunner();
    final InMemorySettlePayment settle = new InMemorySettlePayment(payments, subscriptions, runner);
    final InMemoryPaymeTransactions transactions = new InMemoryPaymeTransactions();
    final InMemoryMerchantKeys keys = new InMemoryMerchantKeys();
    final PaymeMerchantApi api;
    private int requestId;

    PaymeFixture() {
        this(null, null, null);
    }

    /** With replacements for some ports (null keeps the in-memory one). */
    PaymeFixture(SettlePayment settleOverride, PaymeTransactions transactionsOverride, MerchantKeys keysOverride) {
        api = new PaymeMerchantApi(KEY, keysOverride != null ? keysOverride : keys,
                transactionsOverride != null ? transactionsOverride : transactions,
                settleOverride != null ? settleOverride : settle, runner, clock);
    }

    Payment order(String id) {
        Payment order = Payment.create(new PaymentId(id), PARENT, Plan.MONTH, new Money(PRICE_TIYIN,
                io.mentorium.domain.payment.Currency.UZS), PaymentProvider.PAYME, clock.instant());
        payments.save(order);
        return order;
    }

    Payment stored(String id) {
        return payments.findById(new PaymentId(id)).orElseThrow();
    }

    long now() {
        return clock.millis();
    }

    static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    /** A call with the right key. */
    JsonNode call(String method, String params) {
        return call(Optional.of(basic("Paycom:" + KEY)), method, params);
    }

    JsonNode call(Optional<String> authorization, String method, String params) {
        String body = "{\"method\":\"" + method + "\",\"params\":" + params + ",\"id\":" + (++requestId) + "}";
        return raw("POST", authorization, body);
    }

    JsonNode raw(String httpMethod, Optional<String> authorization, String body) {
        return raw(httpMethod, authorization, body.getBytes(StandardCharsets.UTF_8));
    }

    JsonNode raw(String httpMethod, Optional<String> authorization, byte[] body) {
        PaymeReply reply = api.handle(httpMethod, authorization, body);
        if (reply.status() != 200) {
            throw new AssertionError("PayMe must always get HTTP 200, got " + reply.status());
        }
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode create(String paymeId, long time, String order) {
        return call("CreateTransaction", "{\"id\":\"" + paymeId + "\",\"time\":" + time + ",\"amount\":"
                + PRICE_TIYIN + ",\"account\":{\"order_id\":\"" + order + "\"}}");
    }

    JsonNode perform(String paymeId) {
        return call("PerformTransaction", "{\"id\":\"" + paymeId + "\"}");
    }

    JsonNode cancel(String paymeId, int reason) {
        return call("CancelTransaction", "{\"id\":\"" + paymeId + "\",\"reason\":" + reason + "}");
    }

    JsonNode check(String paymeId) {
        return call("CheckTransaction", "{\"id\":\"" + paymeId + "\"}");
    }

    static int code(JsonNode reply) {
        if (!reply.has("error")) {
            throw new AssertionError("expected an error, got " + reply);
        }
        return reply.at("/error/code").asInt();
    }

    static JsonNode result(JsonNode reply) {
        if (!reply.has("result")) {
            throw new AssertionError("expected a result, got " + reply);
        }
        return reply.get("result");
    }
}
