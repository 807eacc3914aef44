package io.mentorium.application.conversation;

import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.subscription.Plan;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The billing texts the conversation and the billing services share: plan names, amounts, receipts and refund notices.
 * Kept here, next to the bundles, so that billing holds no sentence of its own either.
 */
public final class BillingTexts {

    private final Messages messages;
    private final ZoneId zone;

    public BillingTexts(Messages messages, ZoneId zone) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public String planName(Language language, Plan plan) {
        return messages.plain(language, switch (plan) {
            case MONTH -> MessageKey.PLAN_MONTH;
            case QUARTER -> MessageKey.PLAN_QUARTER;
            case YEAR -> MessageKey.PLAN_YEAR;
        });
    }

    /** "99 000 сум", "250 ⭐": whole units, grouped the way the language writes numbers. */
    public String amount(Language language, Money amount) {
        return messages.plain(language, switch (amount.currency()) {
            case UZS -> MessageKey.AMOUNT_UZS;
            case XTR -> MessageKey.AMOUNT_STARS;
        }, amount.major());
    }

    public String providerName(Language language, PaymentProvider provider) {
        return messages.plain(language, switch (provider) {
            case STARS -> MessageKey.PROVIDER_STARS;
            case PAYME -> MessageKey.PROVIDER_PAYME;
            case CLICK -> MessageKey.PROVIDER_CLICK;
        });
    }

    /** A day in the bot's time zone, as the parent's language writes it. */
    public String date(Language language, Instant instant) {
        return messages.dateFormat(language, MessageKey.FORMAT_DATE).format(instant.atZone(zone));
    }

    public String receipt(Language language, Payment order, Instant activeUntil) {
        return messages.html(language, MessageKey.RECEIPT, planName(language, order.plan()),
                amount(language, order.amount()), order.id().value(), date(language, activeUntil));
    }

    public String refundNotice(Language language, Payment order) {
        return messages.html(language, MessageKey.REFUND_NOTICE, order.id().value(),
                planName(language, order.plan()), amount(language, order.amount()));
    }

    /** Shown by Telegram on the payment sheet, which takes plain text. */
    public String preCheckoutRefused(Language language) {
        return messages.plain(language, MessageKey.PRECHECKOUT_REFUSED);
    }
}
