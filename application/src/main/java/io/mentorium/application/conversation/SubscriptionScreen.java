package io.mentorium.application.conversation;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.RefundStarsPayment;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.application.port.in.SettlePayment.Payability;
import io.mentorium.application.port.in.StartCheckout;
import io.mentorium.application.port.in.ViewSubscription;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendInvoice;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "⭐ Subscription": where the parent stands, the plans with both prices, and a button per plan and provider; pressing
 * one creates an order and answers with a Stars invoice or a pay link. Also the chat side of a Stars payment, and the
 * operators' {@code /refund}.
 */
final class SubscriptionScreen {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionScreen.class);

    /** Telegram's limits for an invoice's title and description. */
    static final int MAX_INVOICE_TITLE = 32;
    static final int MAX_INVOICE_DESCRIPTION = 255;

    private final ConversationBilling billing;
    private final Messages messages;
    private final BillingTexts texts;
    private final CoreSettings settings;

    SubscriptionScreen(ConversationBilling billing, Messages messages, CoreSettings settings) {
        this.billing = billing;
        this.messages = messages;
        this.texts = new BillingTexts(messages, settings.botTimeZone());
        this.settings = settings;
    }

    List<Outgoing> show(Turn turn) {
        Language language = turn.language();
        ViewSubscription.Overview overview = billing.subscriptions().view(turn.parentId(), turn.now());
        String status = switch (overview.state()) {
            case ACTIVE -> messages.html(language, MessageKey.SUBSCRIPTION_ACTIVE, until(language, overview));
            case TRIAL -> messages.html(language, MessageKey.SUBSCRIPTION_TRIAL, until(language, overview));
            case GRACE -> messages.html(language, MessageKey.SUBSCRIPTION_GRACE, until(language, overview));
            case EXPIRED -> messages.html(language, MessageKey.SUBSCRIPTION_EXPIRED, until(language, overview));
            case NEVER -> messages.html(language, MessageKey.SUBSCRIPTION_NEVER);
        };
        List<String> plans = new ArrayList<>();
        List<List<Button>> rows = new ArrayList<>();
        for (Plan plan : Plan.values()) {
            plans.add(messages.html(language, MessageKey.PLAN_LINE, texts.planName(language, plan),
                    settings.pricesUzs().get(plan).major(), settings.pricesStars().get(plan).major()));
            List<Button> row = new ArrayList<>();
            for (PaymentProvider provider : overview.providers()) {
                row.add(new Button(messages.plain(language, MessageKey.BUTTON_PAY, texts.planName(language, plan),
                        texts.providerName(language, provider)),
                        CallbackData.encode(new CallbackData.Checkout(plan, provider))));
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
        }
        MessageKey prompt = rows.isEmpty() ? MessageKey.SUBSCRIPTION_NO_PROVIDERS : MessageKey.SUBSCRIPTION_CHOOSE;
        String text = messages.html(language, MessageKey.SUBSCRIPTION_SCREEN, new Markup(status),
                new Markup(String.join("\n", plans)), messages.markup(language, prompt));
        return List.of(new SendText(turn.chat(), text, new Keyboard.Inline(rows)));
    }

    private String until(Language language, ViewSubscription.Overview overview) {
        return overview.until().map(instant -> texts.date(language, instant)).orElse("");
    }

    PressAnswer checkout(Turn turn, CallbackData.Checkout chosen) {
        Language language = turn.language();
        return switch (billing.checkout().start(turn.parentId(), chosen.plan(), chosen.provider())) {
            case StartCheckout.Outcome.Started started -> PressAnswer.of(switch (started.checkout()) {
                case StartCheckout.Checkout.StarsInvoice invoice -> invoice(turn, started.order(), invoice);
                case StartCheckout.Checkout.PayPage page -> new SendText(turn.chat(), messages.html(language,
                        MessageKey.PAY_LINK, texts.planName(language, started.order().plan()),
                        texts.amount(language, started.order().amount()), page.url().toASCIIString(),
                        texts.providerName(language, started.order().provider()), started.order().id().value()));
            });
            case StartCheckout.Outcome.ProviderDisabled disabled ->
                    PressAnswer.notice(messages.plain(language, MessageKey.PROVIDER_UNAVAILABLE));
            case StartCheckout.Outcome.NotRegistered notRegistered ->
                    PressAnswer.notice(messages.plain(language, MessageKey.STALE_BUTTON));
        };
    }

    private Outgoing invoice(Turn turn, Payment order, StartCheckout.Checkout.StarsInvoice invoice) {
        Language language = turn.language();
        String plan = texts.planName(language, order.plan());
        return new SendInvoice(turn.chat(),
                shorten(messages.plain(language, MessageKey.INVOICE_TITLE, plan), MAX_INVOICE_TITLE),
                shorten(messages.plain(language, MessageKey.INVOICE_DESCRIPTION, plan), MAX_INVOICE_DESCRIPTION),
                invoice.payload(), invoice.stars());
    }

    private static String shorten(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + '…';
    }

    /**
     * Telegram took the parent's Stars: the order is paid once, keyed by the charge id, and the receipt comes from the
     * settlement (queued in the same transaction). A payment that matches no payable order is real money nonetheless:
     * the parent is sent to support with the charge id, which is all support needs to find or refund it.
     */
    List<Outgoing> paid(Turn turn, ChatInput.SuccessfulPayment payment) {
        Optional<Mismatch> problem = mismatch(payment);
        if (problem.isEmpty()) {
            PaymentId orderId = new PaymentId(payment.payload());
            SettlePayment.Settlement settlement = billing.settle().settle(orderId, payment.telegramChargeId(),
                    turn.now());
            if (!(settlement instanceof SettlePayment.Settlement.Refused)) {
                return List.of();
            }
            problem = Optional.of(Mismatch.REFUSED);
        }
        LOG.warn("Stars payment {} of parent {} not applied: {}", payment.telegramChargeId(), turn.parentId(),
                problem.get());
        return List.of(new SendText(turn.chat(), messages.html(turn.language(), MessageKey.PAYMENT_UNMATCHED,
                payment.telegramChargeId())));
    }

    /**
     * Telegram says a Stars payment was given back. When our own {@code /refund} asked for it the order is refunded
     * already and nothing changes; when the refund was made elsewhere with the bot's token, the order is refunded now
     * (its period taken back, the parent told by the settlement) — only for the charge that paid it, so a stale or
     * foreign notice changes nothing.
     */
    List<Outgoing> refunded(Turn turn, ChatInput.RefundedPayment refund) {
        PaymentId orderId;
        try {
            orderId = new PaymentId(refund.payload());
        } catch (IllegalArgumentException malformed) {
            LOG.warn("A Stars refund {} names no order; ignored", refund.telegramChargeId());
            return List.of();
        }
        Optional<Payment> paidByThisCharge = switch (billing.settle().check(orderId, Money.stars(
                Math.max(1, refund.totalAmount())))) {
            case Payability.AlreadyPaid paid -> Optional.of(paid.order());
            case Payability.Cancelled cancelled -> Optional.of(cancelled.order());
            case Payability.WrongAmount wrong -> Optional.empty();
            case Payability.Payable payable -> Optional.empty();
            case Payability.UnknownOrder unknown -> Optional.empty();
        };
        if (paidByThisCharge.flatMap(Payment::providerTransactionId).filter(refund.telegramChargeId()::equals)
                .isEmpty()) {
            LOG.warn("Stars refund {} of parent {} matches no paid order {}; ignored", refund.telegramChargeId(),
                    turn.parentId(), orderId);
            return List.of();
        }
        SettlePayment.Cancellation cancellation = billing.settle().cancel(orderId, turn.now(),
                SettlePayment.REFUND_REASON);
        LOG.info("Stars refund of order {}: {}", orderId, cancellation.getClass().getSimpleName());
        return List.of();
    }

    /** Why a Stars payment cannot pay an order, for the log. */
    private enum Mismatch {
        NOT_STARS,
        NO_ORDER_ID,
        UNKNOWN_ORDER,
        WRONG_AMOUNT,
        CANCELLED_ORDER,
        REFUSED
    }

    /** Why the payment cannot pay its order as it stands; empty when the order may be settled. */
    private Optional<Mismatch> mismatch(ChatInput.SuccessfulPayment payment) {
        if (!Currency.XTR.name().equals(payment.currency()) || payment.totalAmount() < 1) {
            return Optional.of(Mismatch.NOT_STARS);
        }
        PaymentId orderId;
        try {
            orderId = new PaymentId(payment.payload());
        } catch (IllegalArgumentException malformed) {
            return Optional.of(Mismatch.NO_ORDER_ID);
        }
        return switch (billing.settle().check(orderId, Money.stars(payment.totalAmount()))) {
            case Payability.Payable payable -> Optional.empty();
            // Paid already: settling again tells whether by this very charge (a duplicate update) or another one.
            case Payability.AlreadyPaid paid -> Optional.empty();
            case Payability.UnknownOrder unknown -> Optional.of(Mismatch.UNKNOWN_ORDER);
            case Payability.WrongAmount wrong -> Optional.of(Mismatch.WRONG_AMOUNT);
            case Payability.Cancelled cancelled -> Optional.of(Mismatch.CANCELLED_ORDER);
        };
    }

    /** {@code /refund <order or charge id>}; only called for operators. */
    List<Outgoing> refund(Turn turn, String reference) {
        Language language = turn.language();
        if (reference.isBlank()) {
            return List.of(new SendText(turn.chat(), messages.html(language, MessageKey.REFUND_USAGE)));
        }
        String text = switch (billing.refunds().refund(turn.parentId(), reference.strip())) {
            case RefundStarsPayment.Outcome.Refunded done -> messages.html(language, MessageKey.REFUND_DONE,
                    done.order().id().value(), texts.amount(language, done.order().amount()));
            case RefundStarsPayment.Outcome.AlreadyRefunded before -> messages.html(language,
                    MessageKey.REFUND_ALREADY, before.order().id().value());
            case RefundStarsPayment.Outcome.RefusedByTelegram refused -> messages.html(language,
                    MessageKey.REFUND_REFUSED, refused.order().id().value());
            case RefundStarsPayment.Outcome.NotFound notFound -> messages.html(language, MessageKey.REFUND_NOT_FOUND);
            case RefundStarsPayment.Outcome.NotAllowed notAllowed -> messages.html(language,
                    MessageKey.UNKNOWN_COMMAND);
        };
        return List.of(new SendText(turn.chat(), text));
    }

    /** The paywall's button. */
    Keyboard.Inline subscribeButton(Language language) {
        return new Keyboard.Inline(List.of(List.of(new Button(messages.plain(language, MessageKey.BUTTON_SUBSCRIBE),
                CallbackData.encode(new CallbackData.OpenSubscription())))));
    }
}
