package io.mentorium.application.billing;

import static io.mentorium.application.billing.BillingRig.MOTHER;
import static io.mentorium.application.billing.BillingRig.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.MessageKey;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.port.in.AnswerPreCheckout.Answer;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.subscription.Plan;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnswerPreCheckoutServiceTest {

    private final BillingRig rig = new BillingRig();
    private final AnswerPreCheckoutService service = new AnswerPreCheckoutService(rig.settle, rig.settings);
    private final Messages messages = new Messages();

    @BeforeEach
    void aStarsOrder() {
        rig.parent(MOTHER, Language.EN, ParentRole.PARENT);
        rig.order("order-1", Plan.MONTH, PaymentProvider.STARS);
    }

    private Answer refused(Language language) {
        return new Answer(false, Optional.of(messages.plain(language, MessageKey.PRECHECKOUT_REFUSED)));
    }

    @Test
    void anUnpaidOrderForExactlyItsStarsIsAccepted() {
        assertThat(service.answer("order-1", "XTR", 250, Optional.of(Language.EN))).isEqualTo(Answer.accept());
    }

    @Test
    void aWrongAmountCurrencyOrPayloadIsRefusedInTheParentsLanguage() {
        assertThat(service.answer("order-1", "XTR", 249, Optional.of(Language.UZ))).isEqualTo(refused(Language.UZ));
        assertThat(service.answer("order-1", "USD", 250, Optional.of(Language.EN))).isEqualTo(refused(Language.EN));
        assertThat(service.answer("no such order", "XTR", 250, Optional.empty()))
                .as("the default language when Telegram gave none").isEqualTo(refused(Language.RU));
        assertThat(service.answer("order-404", "XTR", 250, Optional.of(Language.EN))).isEqualTo(refused(Language.EN));
    }

    @Test
    void aPaidOrCancelledOrderIsRefused() {
        rig.settle.settle(new PaymentId("order-1"), "charge-1", NOW);
        assertThat(service.answer("order-1", "XTR", 250, Optional.of(Language.EN))).isEqualTo(refused(Language.EN));

        rig.order("order-2", Plan.MONTH, PaymentProvider.STARS);
        rig.settle.cancel(new PaymentId("order-2"), NOW, 0);
        assertThat(service.answer("order-2", "XTR", 250, Optional.of(Language.EN))).isEqualTo(refused(Language.EN));
    }

    @Test
    void aUzsOrderCannotBePaidInStars() {
        rig.order("order-3", Plan.MONTH, PaymentProvider.PAYME);

        assertThat(service.answer("order-3", "XTR", 250, Optional.of(Language.EN)).ok()).isFalse();
    }
}
