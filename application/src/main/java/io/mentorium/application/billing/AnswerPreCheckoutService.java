package io.mentorium.application.billing;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.BillingTexts;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.port.in.AnswerPreCheckout;
import io.mentorium.application.port.in.SettlePayment;
import io.mentorium.domain.payment.Currency;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says yes to Telegram's pre-checkout query only for an order that exists, is unpaid and not cancelled, and costs
 * exactly the Stars on the invoice. Reads one payment and writes nothing, so it answers well within Telegram's 10 s.
 */
public final class AnswerPreCheckoutService implements AnswerPreCheckout {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerPreCheckoutService.class);

    private final SettlePayment settle;
    private final Language defaultLanguage;
    private final BillingTexts texts;

    public AnswerPreCheckoutService(SettlePayment settle, CoreSettings settings) {
        this.settle = Objects.requireNonNull(settle, "settle");
        this.defaultLanguage = settings.defaultLanguage();
        this.texts = new BillingTexts(new Messages(), settings.botTimeZone());
    }

    @Override
    public Answer answer(String payload, String currency, long amount, Optional<Language> language) {
        Objects.requireNonNull(language, "language");
        Optional<String> refusal = refusal(payload, currency, amount);
        if (refusal.isEmpty()) {
            return Answer.accept();
        }
        LOG.info("Pre-checkout refused: {}", refusal.get());
        return new Answer(false, Optional.of(texts.preCheckoutRefused(language.orElse(defaultLanguage))));
    }

    /** Why the payment must not go ahead, for the log; empty when it may. */
    private Optional<String> refusal(String payload, String currency, long amount) {
        if (!Currency.XTR.name().equals(currency) || amount < 1) {
            return Optional.of("not a Stars amount");
        }
        PaymentId orderId;
        try {
            orderId = new PaymentId(payload);
        } catch (RuntimeException malformed) {
            return Optional.of("a payload that is no order id");
        }
        return switch (settle.check(orderId, Money.stars(amount))) {
            case SettlePayment.Payability.Payable payable -> Optional.empty();
            case SettlePayment.Payability.UnknownOrder unknown -> Optional.of("unknown order " + orderId);
            case SettlePayment.Payability.WrongAmount wrong -> Optional.of("order " + orderId + " costs "
                    + wrong.expected());
            case SettlePayment.Payability.AlreadyPaid paid -> Optional.of("order " + orderId + " is paid");
            case SettlePayment.Payability.Cancelled cancelled -> Optional.of("order " + orderId + " is cancelled");
        };
    }
}
