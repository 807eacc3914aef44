package io.mentorium.adapters.payments.click;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorium.adapters.payments.PaymentSettings;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.in.SettlePayment.Payability;
import io.mentorium.application.port.in.SettlePayment.Settlement;
import io.mentorium.application.port.out.ClickTransactions;
import io.mentorium.application.port.out.ClickTransactions.ClickTransaction;
import io.mentorium.application.port.out.ClickTransactions.State;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.PaymentId;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Click's SHOP-API callbacks, Prepare and Complete, as protocols.md (Click section) describes them: a form-encoded
 * request in, a JSON answer out, HTTP 200 for every request — the outcome is the {@code error} code in the body.
 * Framework-free: the HTTP server hands over the body and its content type and sends back {@link ClickReply#json()}.
 *
 * <p>Checks run in the documented order and the first failing one answers: missing or malformed fields {@code -8},
 * signature {@code -1}, action {@code -3}, order {@code -5} / Click transaction {@code -6}, already paid {@code -4},
 * amount {@code -2} (equal when less than 0.01 sum apart), cancelled {@code -9}. A request naming another
 * {@code service_id} answers {@code -1}: the signature we check is the one of our service, and a request for another
 * one does not carry it. Only orders created for Click are payable here; any other order answers {@code -5}.
 *
 * <p>Each call runs in one transaction: the order's check or settlement (through {@link SettlePayment}, which joins
 * it) and the Click transaction's row change together. A Complete claims its Click transaction by moving it out of
 * PREPARED before it settles, so of two concurrent Completes for the same {@code click_trans_id} one settles and the
 * other answers {@code -4}. {@code merchant_confirm_id} is the {@code merchant_prepare_id}: one id of ours per Click
 * transaction.
 *
 * <p>When Click reports its own failure in a Complete ({@code error < 0}, e.g. {@code -5017} insufficient funds), the
 * Click transaction is cancelled and {@code -9} answered; the order itself stays payable, so the parent may retry
 * with the same pay link. {@link SettlePayment#cancel} is not called: it would only be right for a paid order, and
 * a paid order answers {@code -4} before this point.
 */
public final class ClickShopApi {

    /** Where Click sends Prepare; registered in the Click merchant cabinet as the Prepare URL. */
    public static final String PREPARE_PATH = "/payments/click/prepare";
    /** Where Click sends Complete; registered as the Complete URL. */
    public static final String COMPLETE_PATH = "/payments/click/complete";

    private static final Logger LOG = LoggerFactory.getLogger(ClickShopApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    /** Sum with up to six decimals: at most 15 integer digits, so the amount in tiyin fits a long. */
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,15}(\\.[0-9]{1,6})?");
    private static final Pattern CLICK_ERROR = Pattern.compile("-?[0-9]{1,9}");
    private static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private final PaymentSettings.Click settings;
    private final SettlePayment settle;
    private final ClickTransactions clicks;
    private final TransactionRunner transactions;
    private final Clock clock;

    public ClickShopApi(PaymentSettings.Click settings, SettlePayment settle, ClickTransactions clicks,
                        TransactionRunner transactions, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.clicks = Objects.requireNonNull(clicks, "clicks");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The API when Click is configured; empty when it is disabled, and then its routes are not mounted. */
    public static Optional<ClickShopApi> when(PaymentSettings payments, SettlePayment settle, ClickTransactions clicks,
                                              TransactionRunner transactions, Clock clock) {
        return payments.click().map(click -> new ClickShopApi(click, settle, clicks, transactions, clock));
    }

    /** {@code POST /payments/click/prepare}: the raw body and its {@code Content-Type} header (null when absent). */
    public ClickReply prepare(byte[] body, String contentType) {
        return fromBody(Step.PREPARE, body, contentType);
    }

    /** {@code POST /payments/click/complete}: the raw body and its {@code Content-Type} header (null when absent). */
    public ClickReply complete(byte[] body, String contentType) {
        return fromBody(Step.COMPLETE, body, contentType);
    }

    /** Prepare over fields already decoded. */
    public ClickReply prepare(Map<String, String> form) {
        return answer(Step.PREPARE, form);
    }

    /** Complete over fields already decoded. */
    public ClickReply complete(Map<String, String> form) {
        return answer(Step.COMPLETE, form);
    }

    private ClickReply fromBody(Step step, byte[] body, String contentType) {
        Map<String, String> form;
        try {
            form = ClickForm.parse(body, contentType);
        } catch (ClickForm.Malformed malformed) {
            LOG.info("Click {} refused: malformed body ({})", step.label, malformed.getMessage());
            return reply(step, Map.of(), new Outcome(ClickError.BAD_REQUEST, null));
        }
        return answer(step, form);
    }

    private enum Step {
        PREPARE("prepare", "0", "merchant_prepare_id",
                List.of("click_trans_id", "service_id", "merchant_trans_id", "amount", "action", "error", "sign_time",
                        "sign_string")),
        COMPLETE("complete", "1", "merchant_confirm_id",
                List.of("click_trans_id", "service_id", "merchant_trans_id", "merchant_prepare_id", "amount", "action",
                        "error", "sign_time", "sign_string"));

        final String label;
        final String action;
        final String answeredId;
        /**
         * Fields we cannot answer without. click_paydoc_id and error_note are sent too but not needed, so their
         * absence is not held against a request.
         */
        final List<String> required;

        Step(String label, String action, String answeredId, List<String> required) {
            this.label = label;
            this.action = action;
            this.answeredId = answeredId;
            this.required = required;
        }
    }

    /** @param merchantId {@code merchant_prepare_id} or {@code merchant_confirm_id} when there is one to tell */
    private record Outcome(ClickError error, Long merchantId) {

        static Outcome of(ClickError error) {
            return new Outcome(error, null);
        }
    }

    /** Thrown inside the transaction to roll it back and answer {@code outcome}. */
    private static final class Refusal extends RuntimeException {

        final transient Outcome outcome;

        Refusal(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    private ClickReply answer(Step step, Map<String, String> form) {
        Outcome outcome;
        try {
            outcome = decide(step, form);
        } catch (RuntimeException failure) {
            // Storage down, a bug: Click gets -7 and retries later; nothing of the transaction was committed.
            LOG.error("Click {} for click_trans_id {} failed", step.label, loggable(form.get("click_trans_id")), failure);
            outcome = Outcome.of(ClickError.FAILED_TO_UPDATE);
        }
        LOG.info("Click {} click_trans_id={} merchant_trans_id={}: {} ({})", step.label,
                loggable(form.get("click_trans_id")), loggable(form.get("merchant_trans_id")), outcome.error().code(),
                outcome.error().name());
        return reply(step, form, outcome);
    }

    private Outcome decide(Step step, Map<String, String> form) {
        Optional<Outcome> malformed = malformed(step, form);
        if (malformed.isPresent()) {
            return malformed.get();
        }
        if (!signed(step, form) || !settings.serviceId().equals(form.get("service_id"))) {
            return Outcome.of(ClickError.SIGN_CHECK_FAILED);
        }
        if (!step.action.equals(form.get("action"))) {
            return Outcome.of(ClickError.ACTION_NOT_FOUND);
        }
        String merchantTransId = form.get("merchant_trans_id");
        if (!PaymentId.isValid(merchantTransId)) {
            return Outcome.of(ClickError.ORDER_NOT_FOUND);
        }
        Request request = new Request(Long.parseLong(form.get("click_trans_id")), new PaymentId(merchantTransId),
                form.get("amount"), new BigDecimal(form.get("amount")), Integer.parseInt(form.get("error")),
                step == Step.COMPLETE ? Long.parseLong(form.get("merchant_prepare_id")) : 0);
        try {
            return transactions.inTransaction(() -> step == Step.PREPARE ? prepare(request) : complete(request));
        } catch (Refusal refusal) {
            return refusal.outcome;
        }
    }

    private record Request(long clickTransId, PaymentId orderId, String amountText, BigDecimal amount, int clickError,
                           long merchantPrepareId) {
    }

    private static Optional<Outcome> malformed(Step step, Map<String, String> form) {
        for (String field : step.required) {
            String value = form.get(field);
            if (value == null || value.isEmpty()) {
                return Optional.of(Outcome.of(ClickError.BAD_REQUEST));
            }
        }
        boolean wellFormed = ID.matcher(form.get("click_trans_id")).matches()
                && Long.parseLong(form.get("click_trans_id")) > 0
                && AMOUNT.matcher(form.get("amount")).matches()
                && CLICK_ERROR.matcher(form.get("error")).matches()
                && (step == Step.PREPARE || ID.matcher(form.get("merchant_prepare_id")).matches());
        return wellFormed ? Optional.empty() : Optional.of(Outcome.of(ClickError.BAD_REQUEST));
    }

    private boolean signed(Step step, Map<String, String> form) {
        String expected = step == Step.PREPARE
                ? ClickSignature.prepare(form.get("click_trans_id"), form.get("service_id"), settings.secretKey(),
                        form.get("merchant_trans_id"), form.get("amount"), form.get("action"), form.get("sign_time"))
                : ClickSignature.complete(form.get("click_trans_id"), form.get("service_id"), settings.secretKey(),
                        form.get("merchant_trans_id"), form.get("merchant_prepare_id"), form.get("amount"),
                        form.get("action"), form.get("sign_time"));
        return ClickSignature.matches(expected, form.get("sign_string"));
    }

    /** Runs inside the transaction. */
    private Outcome prepare(Request request) {
        Standing order = standing(request.orderId(), request.amount());
        if (order == Standing.UNKNOWN) {
            return Outcome.of(ClickError.ORDER_NOT_FOUND);
        }
        Optional<ClickTransaction> known = clicks.find(request.clickTransId());
        if (known.isPresent() && !known.get().orderId().equals(request.orderId())) {
            return Outcome.of(ClickError.TRANSACTION_NOT_FOUND);
        }
        Optional<Outcome> refused = refusedFor(order);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (known.isPresent() && known.get().state() != State.PREPARED) {
            return Outcome.of(known.get().state() == State.CONFIRMED ? ClickError.ALREADY_PAID
                    : ClickError.TRANSACTION_CANCELLED);
        }
        // A repeated Prepare gets the prepare id it got the first time.
        long prepareId = clicks.prepare(request.clickTransId(), request.orderId(), request.amountText(),
                clock.instant());
        return new Outcome(ClickError.SUCCESS, prepareId);
    }

    /** Runs inside the transaction. */
    private Outcome complete(Request request) {
        Standing order = standing(request.orderId(), request.amount());
        if (order == Standing.UNKNOWN) {
            return Outcome.of(ClickError.ORDER_NOT_FOUND);
        }
        Optional<ClickTransaction> found = clicks.find(request.clickTransId());
        if (found.isEmpty() || !found.get().orderId().equals(request.orderId())
                || found.get().prepareId() != request.merchantPrepareId()) {
            return Outcome.of(ClickError.TRANSACTION_NOT_FOUND);
        }
        ClickTransaction known = found.get();
        if (known.state() == State.CONFIRMED) {
            // A repeated Complete: answered, never applied again.
            return new Outcome(ClickError.ALREADY_PAID, known.prepareId());
        }
        Optional<Outcome> refused = refusedFor(order);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (known.state() == State.CANCELLED) {
            return Outcome.of(ClickError.TRANSACTION_CANCELLED);
        }
        Instant now = clock.instant();
        if (request.clickError() < 0) {
            // Click could not take the money: this Click transaction is over, the order stays payable.
            if (!clicks.finish(known.clickTransId(), State.CANCELLED, now)) {
                return finishedMeanwhile(known.clickTransId());
            }
            return Outcome.of(ClickError.TRANSACTION_CANCELLED);
        }
        // Claim before settling: a concurrent Complete for the same click_trans_id waits here and then finds it
        // confirmed, so the order is settled by exactly one of them.
        if (!clicks.finish(known.clickTransId(), State.CONFIRMED, now)) {
            return finishedMeanwhile(known.clickTransId());
        }
        Settlement settlement = settle.settle(request.orderId(), Long.toString(request.clickTransId()), now);
        return switch (settlement) {
            case Settlement.Applied applied -> new Outcome(ClickError.SUCCESS, known.prepareId());
            case Settlement.AlreadyApplied again -> new Outcome(ClickError.SUCCESS, known.prepareId());
            // Changed between the check and the settlement: undo the claim and say why.
            case Settlement.Refused refusal -> throw new Refusal(refusedFor(standing(refusal.why(), request.amount()))
                    .orElse(Outcome.of(ClickError.FAILED_TO_UPDATE)));
        };
    }

    private Outcome finishedMeanwhile(long clickTransId) {
        State now = clicks.find(clickTransId).map(ClickTransaction::state).orElse(State.CANCELLED);
        return switch (now) {
            case CONFIRMED -> Outcome.of(ClickError.ALREADY_PAID);
            case CANCELLED -> Outcome.of(ClickError.TRANSACTION_CANCELLED);
            case PREPARED -> throw new IllegalStateException("click transaction " + clickTransId
                    + " could not be finished yet is still prepared");
        };
    }

    /** Where an order stands for Click, in the order the answers rank. */
    private enum Standing { UNKNOWN, PAID, WRONG_AMOUNT, CANCELLED, PAYABLE }

    private static Optional<Outcome> refusedFor(Standing standing) {
        return switch (standing) {
            case UNKNOWN -> Optional.of(Outcome.of(ClickError.ORDER_NOT_FOUND));
            case PAID -> Optional.of(Outcome.of(ClickError.ALREADY_PAID));
            case WRONG_AMOUNT -> Optional.of(Outcome.of(ClickError.INCORRECT_AMOUNT));
            case CANCELLED -> Optional.of(Outcome.of(ClickError.TRANSACTION_CANCELLED));
            case PAYABLE -> Optional.empty();
        };
    }

    /**
     * The order's standing for an amount received in sum. {@link SettlePayment#check} answers one reason, and whether
     * it puts a wrong amount before a paid or cancelled order is its own business; Click's order is fixed (paid
     * before amount before cancelled), so a wrong amount is checked once more with the order's own amount to learn
     * the state behind it.
     */
    private Standing standing(PaymentId orderId, BigDecimal sum) {
        Payability first = settle.check(orderId, tiyin(sum));
        if (first instanceof Payability.WrongAmount wrong) {
            if (wrong.expected().currency() != Currency.UZS) {
                return Standing.UNKNOWN;
            }
            Standing behind = standing(settle.check(orderId, wrong.expected()), sum);
            if (behind == Standing.UNKNOWN || behind == Standing.PAID || behind == Standing.WRONG_AMOUNT) {
                return behind;
            }
            return close(sum, wrong.expected()) ? behind : Standing.WRONG_AMOUNT;
        }
        return standing(first, sum);
    }

    private static Standing standing(Payability payability, BigDecimal sum) {
        return switch (payability) {
            case Payability.UnknownOrder unknown -> Standing.UNKNOWN;
            case Payability.WrongAmount wrong -> Standing.WRONG_AMOUNT;
            case Payability.Payable payable -> forClick(payable.order()) ? Standing.PAYABLE : Standing.UNKNOWN;
            case Payability.AlreadyPaid paid -> forClick(paid.order()) ? Standing.PAID : Standing.UNKNOWN;
            case Payability.Cancelled cancelled -> !forClick(cancelled.order()) ? Standing.UNKNOWN
                    : cancelled.order() == null || close(sum, cancelled.order().amount()) ? Standing.CANCELLED
                    : Standing.WRONG_AMOUNT;
        };
    }

    /** An order the parent chose to pay with another provider is not Click's to pay. Unknown when not told. */
    private static boolean forClick(Payment order) {
        return order == null || order.provider() == PaymentProvider.CLICK;
    }

    /** Less than 0.01 sum apart: Click's tolerance, compared exactly in decimal. */
    private static boolean close(BigDecimal sum, Money expected) {
        BigDecimal expectedSum = BigDecimal.valueOf(expected.minor()).movePointLeft(2);
        return sum.subtract(expectedSum).abs().compareTo(TOLERANCE) < 0;
    }

    /** Sum to tiyin, rounded half-up to the nearest tiyin when Click sends more than two decimals. */
    private static Money tiyin(BigDecimal sum) {
        return new Money(sum.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact(), Currency.UZS);
    }

    private static ClickReply reply(Step step, Map<String, String> form, Outcome outcome) {
        ObjectNode body = JSON.createObjectNode();
        String clickTransId = form.get("click_trans_id");
        if (clickTransId != null && ID.matcher(clickTransId).matches()) {
            body.put("click_trans_id", Long.parseLong(clickTransId));
        } else {
            body.putNull("click_trans_id");
        }
        body.put("merchant_trans_id", form.get("merchant_trans_id"));
        body.put(step.answeredId, outcome.merchantId());
        body.put("error", outcome.error().code());
        body.put("error_note", outcome.error().note());
        return new ClickReply(outcome.error().code(), body.toString());
    }

    /** A received value for the log: bounded, and only characters that cannot forge a log line. */
    private static String loggable(String value) {
        if (value == null) {
            return "-";
        }
        String shortened = value.length() > 64 ? value.substring(0, 64) + "…" : value;
        return shortened.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
