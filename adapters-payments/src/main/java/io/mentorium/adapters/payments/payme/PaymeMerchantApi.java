package io.mentorium.adapters.payments.payme;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.in.SettlePayment.Cancellation;
import io.mentorium.application.port.in.SettlePayment.Payability;
import io.mentorium.application.port.in.SettlePayment.Settlement;
import io.mentorium.application.port.out.MerchantKeys;
import io.mentorium.application.port.out.PaymeTransactions;
import io.mentorium.application.port.out.PaymeTransactions.PaymeTransaction;
import io.mentorium.application.port.out.StorageException;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayMe's Merchant API (JSON-RPC, see docs/payments-payme.md), free of any HTTP framework: the server hands over the
 * method, the {@code Authorization} header and the body, and sends back {@link PaymeReply} as it is. Nothing is thrown
 * out: a malformed, oversized or unauthorised call gets its JSON-RPC error and changes nothing.
 *
 * <p>Every method that reads or writes runs in one transaction, with the {@link SettlePayment} calls joining it, so a
 * PayMe transaction's state and the order's never disagree. Every time in an answer is the stored one: PayMe's sandbox
 * repeats calls and compares the answers. A storage failure (for example the losing insert of two concurrent Creates)
 * is retried a few times; the retry then reads what the winner stored.
 */
public final class PaymeMerchantApi {

    /** The name under which {@link MerchantKeys} keeps a key changed by {@code ChangePassword}. */
    public static final String PROVIDER = "payme";

    /** A created transaction older than this (from PayMe's own {@code time}) can no longer be performed. */
    static final long TIMEOUT_MS = 43_200_000L;

    private static final Logger LOG = LoggerFactory.getLogger(PaymeMerchantApi.class);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String LOGIN = "Paycom:";
    private static final Set<Integer> REASONS = Set.of(1, 2, 3, 4, 5, 10);
    /** The longest PayMe id and new key we accept; the schema holds the same limit for the id. */
    private static final int MAX_TEXT = 255;
    private static final int ATTEMPTS = 3;

    private final String configuredKey;
    private final MerchantKeys keys;
    private final PaymeTransactions transactions;
    private final SettlePayment settle;
    private final TransactionRunner runner;
    private final Clock clock;

    /**
     * @param configuredKey {@code PAYME_KEY}: the key until a {@code ChangePassword} stores another one
     */
    public PaymeMerchantApi(String configuredKey, MerchantKeys keys, PaymeTransactions transactions,
                            SettlePayment settle, TransactionRunner runner, Clock clock) {
        this.configuredKey = Objects.requireNonNull(configuredKey, "configuredKey");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Answers one call.
     *
     * @param httpMethod    the request's HTTP method; anything but POST is answered {@code -32300}
     * @param authorization the {@code Authorization} header, if sent
     * @param body          the raw request body (the server has capped its size)
     */
    public PaymeReply handle(String httpMethod, Optional<String> authorization, byte[] body) {
        JsonNode id = NullNode.instance;
        String method = "?";
        try {
            if (!"POST".equalsIgnoreCase(httpMethod)) {
                return reply(id, new Failure(PaymeError.NOT_POST, null), method);
            }
            JsonNode root = parse(body);
            if (root == null) {
                return reply(id, new Failure(PaymeError.PARSE_ERROR, null), method);
            }
            if (!root.isObject()) {
                return reply(id, new Failure(PaymeError.INVALID_REQUEST, null), method);
            }
            JsonNode requestId = root.get("id");
            // JSON-RPC ids are scalars; anything else is not echoed back.
            id = requestId != null && requestId.isValueNode() ? requestId : NullNode.instance;
            JsonNode methodNode = root.get("method");
            method = methodNode != null && methodNode.isTextual() ? methodNode.textValue() : "?";
            if (!authorized(authorization)) {
                return reply(id, new Failure(PaymeError.INSUFFICIENT_PRIVILEGE, null), method);
            }
            if (methodNode == null || !methodNode.isTextual()) {
                return reply(id, new Failure(PaymeError.INVALID_REQUEST, "method"), method);
            }
            return reply(id, dispatch(method, root.get("params")), method);
        } catch (Refusal refusal) {
            return reply(id, refusal.failure, method);
        } catch (StorageException e) {
            LOG.warn("PayMe {} failed in storage: {}", method, e.getMessage());
            return reply(id, new Failure(PaymeError.INTERNAL_ERROR, null), method);
        } catch (RuntimeException e) {
            LOG.error("PayMe {} failed", method, e);
            return reply(id, new Failure(PaymeError.INTERNAL_ERROR, null), method);
        }
    }

    private Outcome dispatch(String method, JsonNode params) {
        return switch (method) {
            case "CheckPerformTransaction" -> checkPerform(object(params));
            case "CreateTransaction" -> create(object(params));
            case "PerformTransaction" -> perform(object(params));
            case "CancelTransaction" -> cancel(object(params));
            case "CheckTransaction" -> check(object(params));
            case "GetStatement" -> statement(object(params));
            case "ChangePassword" -> changePassword(object(params));
            default -> new Failure(PaymeError.METHOD_NOT_FOUND, "method");
        };
    }

    private Outcome checkPerform(ObjectNode params) {
        long amount = amount(params);
        PaymentId orderId = orderId(params);
        return transactional(() -> {
            Optional<Failure> refused = payabilityFailure(settle.check(orderId, tiyin(amount)), false);
            if (refused.isPresent()) {
                return refused.get();
            }
            Optional<PaymeTransaction> live = transactions.findLiveForOrder(orderId);
            if (live.isPresent()) {
                return new Failure(live.get().state() == 2 ? PaymeError.ORDER_PAID : PaymeError.ORDER_BUSY, "order_id");
            }
            ObjectNode result = JSON.objectNode();
            result.put("allow", true);
            return new Result(result);
        });
    }

    private Outcome create(ObjectNode params) {
        String paymeId = paymeId(params);
        long time = longField(params, "time");
        long amount = amount(params);
        PaymentId orderId = orderId(params);
        return transactional(() -> {
            long now = clock.millis();
            Optional<PaymeTransaction> existing = transactions.find(paymeId);
            if (existing.isPresent()) {
                PaymeTransaction t = existing.get();
                if (t.state() != 1) {
                    return new Failure(PaymeError.CANNOT_PERFORM, null);
                }
                if (timedOut(t, now)) {
                    return cancelTimedOut(t, now);
                }
                return new Result(createAnswer(t));
            }
            Optional<Failure> refused = payabilityFailure(settle.check(orderId, tiyin(amount)), true);
            if (refused.isPresent()) {
                return refused.get();
            }
            if (transactions.findLiveForOrder(orderId).isPresent()) {
                return new Failure(PaymeError.CANNOT_PERFORM, null);
            }
            if (now - time > TIMEOUT_MS) {
                return new Failure(PaymeError.CANNOT_PERFORM, null);
            }
            PaymeTransaction created = new PaymeTransaction(paymeId, orderId, time, amount, newTransactionId(), 1, now,
                    0, 0, Optional.empty());
            transactions.save(created);
            LOG.info("PayMe transaction {} created for order {}", paymeId, orderId);
            return new Result(createAnswer(created));
        });
    }

    private Outcome perform(ObjectNode params) {
        String paymeId = paymeId(params);
        return transactional(() -> {
            long now = clock.millis();
            Optional<PaymeTransaction> found = transactions.find(paymeId);
            if (found.isEmpty()) {
                return new Failure(PaymeError.TRANSACTION_NOT_FOUND, null);
            }
            PaymeTransaction t = found.get();
            if (t.state() == 2) {
                return new Result(performAnswer(t));
            }
            if (t.state() != 1) {
                return new Failure(PaymeError.CANNOT_PERFORM, null);
            }
            if (timedOut(t, now)) {
                return cancelTimedOut(t, now);
            }
            Settlement settlement = settle.settle(t.orderId(), paymeId, Instant.ofEpochMilli(now));
            if (settlement instanceof Settlement.Refused refused) {
                LOG.info("PayMe transaction {}: order {} cannot be paid ({})", paymeId, t.orderId(),
                        refused.why().getClass().getSimpleName());
                return new Failure(PaymeError.CANNOT_PERFORM, null);
            }
            PaymeTransaction performed = moved(t, 2, now, 0, Optional.empty());
            transactions.save(performed);
            LOG.info("PayMe transaction {} performed: order {} paid", paymeId, t.orderId());
            return new Result(performAnswer(performed));
        });
    }

    private Outcome cancel(ObjectNode params) {
        String paymeId = paymeId(params);
        int reason = reason(params);
        return transactional(() -> {
            long now = clock.millis();
            Optional<PaymeTransaction> found = transactions.find(paymeId);
            if (found.isEmpty()) {
                return new Failure(PaymeError.TRANSACTION_NOT_FOUND, null);
            }
            PaymeTransaction t = found.get();
            if (t.state() < 0) {
                return new Result(cancelAnswer(t));
            }
            Cancellation cancellation = settle.cancel(t.orderId(), Instant.ofEpochMilli(now), reason);
            int state;
            if (t.state() == 1) {
                state = -1;
            } else if (cancellation instanceof Cancellation.Refunded
                    || cancellation instanceof Cancellation.AlreadyCancelled) {
                state = -2;
            } else {
                // A performed transaction whose order was not paid or is unknown: nothing can be taken back, so
                // nothing may look refunded. The transaction stays performed.
                LOG.warn("PayMe transaction {} could not be refunded: order {} answered {}", paymeId, t.orderId(),
                        cancellation.getClass().getSimpleName());
                throw new Refusal(new Failure(PaymeError.CANNOT_CANCEL, null));
            }
            PaymeTransaction cancelled = moved(t, state, t.performTime(), now, Optional.of(reason));
            transactions.save(cancelled);
            LOG.info("PayMe transaction {} cancelled with reason {}: state {}", paymeId, reason, state);
            return new Result(cancelAnswer(cancelled));
        });
    }

    private Outcome check(ObjectNode params) {
        String paymeId = paymeId(params);
        return transactional(() -> transactions.find(paymeId)
                .<Outcome>map(t -> new Result(checkAnswer(t)))
                .orElseGet(() -> new Failure(PaymeError.TRANSACTION_NOT_FOUND, null)));
    }

    private Outcome statement(ObjectNode params) {
        long from = longField(params, "from");
        long to = longField(params, "to");
        return transactional(() -> {
            ArrayNode list = JSON.arrayNode();
            for (PaymeTransaction t : transactions.createdBetween(from, to)) {
                list.add(statementEntry(t));
            }
            ObjectNode result = JSON.objectNode();
            result.set("transactions", list);
            return new Result(result);
        });
    }

    private Outcome changePassword(ObjectNode params) {
        JsonNode node = params.get("password");
        if (node == null || !node.isTextual() || node.textValue().isBlank() || node.textValue().length() > MAX_TEXT) {
            throw new Refusal(new Failure(PaymeError.INVALID_REQUEST, "password"));
        }
        String password = node.textValue();
        return transactional(() -> {
            keys.replace(PROVIDER, password, clock.instant());
            LOG.info("PayMe changed the merchant key; the new one is stored and the old one no longer accepted");
            ObjectNode result = JSON.objectNode();
            result.put("success", true);
            return new Result(result);
        });
    }

    /** Cancels a created transaction PayMe let time out (reason 4) and releases its order; the call gets -31008. */
    private Outcome cancelTimedOut(PaymeTransaction t, long now) {
        settle.cancel(t.orderId(), Instant.ofEpochMilli(now), 4);
        transactions.save(moved(t, -1, 0, now, Optional.of(4)));
        LOG.info("PayMe transaction {} timed out and was cancelled; order {} released", t.paymeId(), t.orderId());
        return new Failure(PaymeError.CANNOT_PERFORM, null);
    }

    /** The transaction in a new state; what PayMe created (id, order, time, amount, ours, create time) never changes. */
    private static PaymeTransaction moved(PaymeTransaction t, int state, long performTime, long cancelTime,
                                          Optional<Integer> reason) {
        return new PaymeTransaction(t.paymeId(), t.orderId(), t.paymeTime(), t.amountTiyin(), t.transaction(), state,
                t.createTime(), performTime, cancelTime, reason);
    }

    private static boolean timedOut(PaymeTransaction t, long now) {
        return now - t.paymeTime() > TIMEOUT_MS;
    }

    /** Why the order cannot be paid, if it cannot; for a new transaction a paid order is PayMe's -31008. */
    private static Optional<Failure> payabilityFailure(Payability payability, boolean creating) {
        if (!forPayme(payability)) {
            return Optional.of(new Failure(PaymeError.ORDER_NOT_FOUND, "order_id"));
        }
        return switch (payability) {
            case Payability.Payable payable -> Optional.empty();
            case Payability.UnknownOrder unknown -> Optional.of(new Failure(PaymeError.ORDER_NOT_FOUND, "order_id"));
            case Payability.WrongAmount wrong -> Optional.of(new Failure(PaymeError.WRONG_AMOUNT, "amount"));
            case Payability.AlreadyPaid paid -> Optional.of(creating
                    ? new Failure(PaymeError.CANNOT_PERFORM, null)
                    : new Failure(PaymeError.ORDER_PAID, "order_id"));
            case Payability.Cancelled cancelled -> Optional.of(new Failure(PaymeError.ORDER_CANCELLED, "order_id"));
        };
    }

    /**
     * An order the parent chose to pay with another provider is not PayMe's to pay: paid through PayMe it would carry
     * a PayMe transaction under Click's or Stars' name in the accounts. A Stars price is told by its currency.
     */
    private static boolean forPayme(Payability payability) {
        return switch (payability) {
            case Payability.Payable payable -> ofPayme(payable.order());
            case Payability.AlreadyPaid paid -> ofPayme(paid.order());
            case Payability.Cancelled cancelled -> ofPayme(cancelled.order());
            case Payability.WrongAmount wrong -> wrong.expected().currency() == Currency.UZS;
            case Payability.UnknownOrder unknown -> true;
        };
    }

    /** Unknown (a port that does not tell) counts as PayMe's. */
    private static boolean ofPayme(Payment order) {
        return order == null || order.provider() == PaymentProvider.PAYME;
    }

    private Outcome transactional(Supplier<Outcome> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runner.inTransaction(work);
            } catch (StorageException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.info("PayMe call failed in storage, trying again ({}): {}", attempt, e.getMessage());
            }
        }
    }

    // --- authorisation -------------------------------------------------------------------------------------------

    /**
     * Compares digests of the whole {@code Paycom:<key>} rather than the strings: {@link MessageDigest#isEqual} takes
     * the same time for any content of equal length, and equal-length digests hide the key's length too.
     */
    private boolean authorized(Optional<String> header) {
        String key = keys.current(PROVIDER).orElse(configuredKey);
        byte[] expected = (LOGIN + key).getBytes(StandardCharsets.UTF_8);
        byte[] presented = header.flatMap(PaymeMerchantApi::basicCredentials).orElse(new byte[0]);
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static Optional<byte[]> basicCredentials(String header) {
        String value = header.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(value.substring(6).strip()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    // --- request fields ------------------------------------------------------------------------------------------

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            return root == null || root.isMissingNode() ? null : root;
        } catch (IOException e) {
            // The body is not logged: it may hold a new key (ChangePassword).
            LOG.info("PayMe sent a body that is not JSON ({} bytes): {}", body.length, e.getClass().getSimpleName());
            return null;
        }
    }

    private static ObjectNode object(JsonNode params) {
        if (params instanceof ObjectNode object) {
            return object;
        }
        throw new Refusal(new Failure(PaymeError.INVALID_REQUEST, "params"));
    }

    private static String paymeId(ObjectNode params) {
        JsonNode node = params.get("id");
        if (node == null || !node.isTextual() || node.textValue().isBlank() || node.textValue().length() > MAX_TEXT) {
            throw new Refusal(new Failure(PaymeError.INVALID_REQUEST, "id"));
        }
        return node.textValue();
    }

    private static long longField(ObjectNode params, String field) {
        return integral(params.get(field))
                .orElseThrow(() -> new Refusal(new Failure(PaymeError.INVALID_REQUEST, field)));
    }

    /** Tiyin: a number is required; one that is not a positive whole amount is simply a wrong amount. */
    private static long amount(ObjectNode params) {
        JsonNode node = params.get("amount");
        if (node == null || !node.isNumber()) {
            throw new Refusal(new Failure(PaymeError.INVALID_REQUEST, "amount"));
        }
        return integral(node).filter(tiyin -> tiyin > 0)
                .orElseThrow(() -> new Refusal(new Failure(PaymeError.WRONG_AMOUNT, "amount")));
    }

    private static int reason(ObjectNode params) {
        return integral(params.get("reason"))
                .filter(reason -> REASONS.contains(reason.intValue()) && reason == reason.intValue())
                .map(Long::intValue)
                .orElseThrow(() -> new Refusal(new Failure(PaymeError.INVALID_REQUEST, "reason")));
    }

    private static Optional<Long> integral(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        try {
            BigDecimal value = node.decimalValue();
            return Optional.of(value.longValueExact());
        } catch (ArithmeticException notWholeOrTooLarge) {
            return Optional.empty();
        }
    }

    /** The order from {@code account}; an account without a usable {@code order_id} names an order we do not have. */
    private static PaymentId orderId(ObjectNode params) {
        JsonNode account = params.get("account");
        if (!(account instanceof ObjectNode)) {
            throw new Refusal(new Failure(PaymeError.INVALID_REQUEST, "account"));
        }
        JsonNode order = account.get("order_id");
        String value = order == null ? null
                : order.isTextual() ? order.textValue()
                : order.isIntegralNumber() ? order.asText()
                : null;
        if (!PaymentId.isValid(value)) {
            throw new Refusal(new Failure(PaymeError.ORDER_NOT_FOUND, "order_id"));
        }
        return new PaymentId(value);
    }

    private static Money tiyin(long amount) {
        return new Money(amount, Currency.UZS);
    }

    private static String newTransactionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    // --- answers -------------------------------------------------------------------------------------------------

    private static ObjectNode createAnswer(PaymeTransaction t) {
        return answer(t, "create_time", "transaction", "state");
    }

    private static ObjectNode performAnswer(PaymeTransaction t) {
        return answer(t, "transaction", "perform_time", "state");
    }

    private static ObjectNode cancelAnswer(PaymeTransaction t) {
        return answer(t, "transaction", "cancel_time", "state");
    }

    private static ObjectNode checkAnswer(PaymeTransaction t) {
        return answer(t, "create_time", "perform_time", "cancel_time", "transaction", "state", "reason");
    }

    private static ObjectNode statementEntry(PaymeTransaction t) {
        ObjectNode entry = answer(t, "id", "time", "amount");
        entry.putObject("account").put("order_id", t.orderId().value());
        entry.setAll(checkAnswer(t));
        return entry;
    }

    /** The named fields of a stored transaction, in the given order, exactly as stored. */
    private static ObjectNode answer(PaymeTransaction t, String... fields) {
        ObjectNode result = JSON.objectNode();
        for (String field : fields) {
            switch (field) {
                case "id" -> result.put(field, t.paymeId());
                case "time" -> result.put(field, t.paymeTime());
                case "amount" -> result.put(field, t.amountTiyin());
                case "create_time" -> result.put(field, t.createTime());
                case "perform_time" -> result.put(field, t.performTime());
                case "cancel_time" -> result.put(field, t.cancelTime());
                case "transaction" -> result.put(field, t.transaction());
                case "state" -> result.put(field, t.state());
                case "reason" -> {
                    if (t.reason().isPresent()) {
                        result.put(field, t.reason().get());
                    } else {
                        result.putNull(field);
                    }
                }
                default -> throw new IllegalArgumentException("no field " + field);
            }
        }
        return result;
    }

    private static PaymeReply reply(JsonNode id, Outcome outcome, String method) {
        ObjectNode body = JSON.objectNode();
        switch (outcome) {
            case Result result -> body.set("result", result.result());
            case Failure failure -> {
                ObjectNode error = body.putObject("error");
                error.put("code", failure.error().code());
                ObjectNode message = error.putObject("message");
                message.put("ru", failure.error().ru());
                message.put("uz", failure.error().uz());
                message.put("en", failure.error().en());
                if (failure.data() == null) {
                    error.putNull("data");
                } else {
                    error.put("data", failure.data());
                }
                LOG.info("PayMe {} answered {}{}", method, failure.error().code(),
                        failure.data() == null ? "" : " (" + failure.data() + ")");
            }
        }
        body.set("id", id);
        try {
            return PaymeReply.ok(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private sealed interface Outcome permits Result, Failure {
    }

    private record Result(ObjectNode result) implements Outcome {
    }

    private record Failure(PaymeError error, String data) implements Outcome {
    }

    /** A request PayMe got wrong, found while reading its fields: answered with {@link #failure}, nothing written. */
    private static final class Refusal extends RuntimeException {

        private final transient Failure failure;

        Refusal(Failure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
