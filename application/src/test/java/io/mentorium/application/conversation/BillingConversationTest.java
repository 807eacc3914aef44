package io.mentorium.application.conversation;

import static io.mentorium.application.conversation.ConversationFixture.AZIZ;
import static io.mentorium.application.conversation.ConversationFixture.KARIMOVA_EMAIL;
import static io.mentorium.application.conversation.ConversationFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.ConversationFixture.Chat;
import io.mentorium.application.port.in.AskAssistant;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.out.Messenger.AnswerCallback;
import io.mentorium.application.port.out.Messenger.Button;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendInvoice;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.payment.PaymentState;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.AccessDecision;
import io.mentorium.domain.subscription.Feature;
import io.mentorium.domain.subscription.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BillingConversationTest {

    private static final long MOTHER = 2001;
    private static final long ADMIN = 2009;

    private final ConversationFixture bot = new ConversationFixture();
    private final BillingTexts texts = new BillingTexts(bot.messages, ConversationFixture.TASHKENT);

    private Chat parent(long id, Language language, ParentRole role, LearnerId... children) {
        Parent parent = Parent.register(new TelegramUserId(id), new ChatId(id), language, role,
                NOW.minus(Duration.ofDays(3)));
        for (LearnerId child : children) {
            parent.link(child, new Email(KARIMOVA_EMAIL), NOW.minus(Duration.ofDays(2)));
        }
        bot.parents.save(parent);
        return bot.chat(id, language.code());
    }

    private static List<List<Button>> inline(Object reply) {
        return ((Keyboard.Inline) ((SendText) reply).keyboard()).rows();
    }

    @Test
    void theSubscriptionScreenShowsStatusPlansAndAButtonPerPlanAndProviderInEveryLanguage() {
        for (Language language : Language.values()) {
            Chat chat = parent(MOTHER + language.ordinal(), language, ParentRole.PARENT);

            chat.say(bot.label(language, MessageKey.MENU_SUBSCRIPTION));

            String text = chat.lastTexts();
            assertThat(text).startsWith(bot.text(language, MessageKey.SUBSCRIPTION_SCREEN,
                    bot.messages.markup(language, MessageKey.SUBSCRIPTION_NEVER), Markup.EMPTY, Markup.EMPTY)
                    .substring(0, 20));
            assertThat(text).contains(bot.text(language, MessageKey.SUBSCRIPTION_NEVER),
                    bot.text(language, MessageKey.PLAN_LINE, texts.planName(language, Plan.YEAR), 899_000, 2_000),
                    bot.text(language, MessageKey.SUBSCRIPTION_CHOOSE));
            List<List<Button>> rows = inline(chat.replies.getFirst());
            assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row).hasSize(3));
            assertThat(rows.getFirst()).extracting(Button::label).containsExactly(
                    bot.label(language, MessageKey.BUTTON_PAY, texts.planName(language, Plan.MONTH),
                            bot.label(language, MessageKey.PROVIDER_STARS)),
                    bot.label(language, MessageKey.BUTTON_PAY, texts.planName(language, Plan.MONTH), "PayMe"),
                    bot.label(language, MessageKey.BUTTON_PAY, texts.planName(language, Plan.MONTH), "Click"));
            assertThat(rows.get(2).get(1).data()).isEqualTo(
                    CallbackData.encode(new CallbackData.Checkout(Plan.YEAR, PaymentProvider.PAYME)));
        }
    }

    @Test
    void theScreenTellsATrialAndAPaidPeriodWithTheirDates() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT, AZIZ.id());

        chat.say(bot.label(Language.EN, MessageKey.MENU_SUBSCRIPTION));
        assertThat(chat.lastTexts()).contains("Free trial until 19 March 2025.");

        bot.payments.save(io.mentorium.domain.payment.Payment.create(new PaymentId("paid-1"), new TelegramUserId(MOTHER),
                Plan.QUARTER, io.mentorium.domain.payment.Money.stars(600), PaymentProvider.STARS, NOW));
        bot.settle.settle(new PaymentId("paid-1"), "charge-1", NOW);
        chat.say(bot.label(Language.EN, MessageKey.MENU_SUBSCRIPTION));
        assertThat(chat.lastTexts()).contains("Active until 12 June 2025.");
    }

    @Test
    void withNoProviderSwitchedOnThereAreNoButtonsAndTheParentIsToldWhy() {
        bot.providers.clear();
        Chat chat = parent(MOTHER, Language.RU, ParentRole.PARENT);

        chat.say(bot.label(Language.RU, MessageKey.MENU_SUBSCRIPTION));

        assertThat(chat.lastTexts()).contains(bot.text(Language.RU, MessageKey.SUBSCRIPTION_NO_PROVIDERS));
        assertThat(inline(chat.replies.getFirst())).isEmpty();
    }

    @Test
    void choosingStarsSendsALocalizedInvoiceForTheNewOrder() {
        Chat chat = parent(MOTHER, Language.RU, ParentRole.PARENT);

        chat.press(CallbackData.encode(new CallbackData.Checkout(Plan.QUARTER, PaymentProvider.STARS)));

        assertThat(chat.replies.getFirst()).isInstanceOf(AnswerCallback.class);
        assertThat(chat.replies.get(1)).isInstanceOfSatisfying(SendInvoice.class, invoice -> {
            assertThat(invoice.payload()).isEqualTo("order-1");
            assertThat(invoice.stars()).isEqualTo(600);
            assertThat(invoice.title()).isEqualTo("Mentorium: 3 месяца").hasSizeLessThanOrEqualTo(32);
            assertThat(invoice.description()).contains("3 месяца").hasSizeLessThanOrEqualTo(255);
        });
        assertThat(bot.payments.findById(new PaymentId("order-1"))).isPresent();
    }

    @Test
    void theUzbekInvoiceNamesItsTermWithoutGluingASuffixToIt() {
        // "{0} lik obuna" read "1 oy lik obuna" ("1 oylik" is one word); the term now stands on its own.
        String description = bot.label(Language.UZ, MessageKey.INVOICE_DESCRIPTION,
                texts.planName(Language.UZ, Plan.MONTH));

        assertThat(description).contains("muddati: 1 oy)").doesNotContain(" lik ");
    }

    @Test
    void invoiceTitlesAndDescriptionsFitTelegramsLimitsInEveryLanguage() {
        for (Language language : Language.values()) {
            for (Plan plan : Plan.values()) {
                String name = texts.planName(language, plan);
                assertThat(bot.label(language, MessageKey.INVOICE_TITLE, name)).hasSizeLessThanOrEqualTo(32);
                assertThat(bot.label(language, MessageKey.INVOICE_DESCRIPTION, name)).hasSizeLessThanOrEqualTo(255);
            }
        }
    }

    @Test
    void choosingPaymeSendsThePayLinkEscapedAndSaysAccessStartsOnConfirmation() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT);

        chat.press(CallbackData.encode(new CallbackData.Checkout(Plan.MONTH, PaymentProvider.PAYME)));

        assertThat(chat.lastTexts()).contains("<a href=\"https://pay.example/payme?order=order-1&amp;l=en\">",
                "Pay with PayMe", "Access starts as soon as PayMe confirms", "99,000 UZS");
    }

    @Test
    void aDisabledProviderIsAnsweredWithANotice() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT);
        bot.providers.remove(PaymentProvider.CLICK);

        chat.press(CallbackData.encode(new CallbackData.Checkout(Plan.MONTH, PaymentProvider.CLICK)));

        assertThat(chat.callbackAnswers()).singleElement().satisfies(answer -> assertThat(answer.notice())
                .contains(bot.label(Language.EN, MessageKey.PROVIDER_UNAVAILABLE)));
    }

    @Test
    void aSuccessfulStarsPaymentIsSettledOnceAndTheReceiptComesFromTheSettlement() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT);
        chat.press(CallbackData.encode(new CallbackData.Checkout(Plan.MONTH, PaymentProvider.STARS)));
        ChatInput.SuccessfulPayment paid = new ChatInput.SuccessfulPayment(chat.sender, "order-1", "XTR", 250,
                "stxCharge-1");

        assertThat(chat.handle(paid)).isEmpty();
        assertThat(chat.handle(paid)).as("a duplicate update").isEmpty();

        assertThat(bot.payments.findById(new PaymentId("order-1")).orElseThrow().state())
                .isEqualTo(PaymentState.PAID);
        assertThat(bot.delivered).singleElement().satisfies(queued -> assertThat(((SendText) queued.message())
                .text()).contains("Payment received", "250 ⭐", "12 April 2025"));
        assertThat(bot.access.decide(new TelegramUserId(MOTHER), Feature.AI_ASSISTANT, NOW).allowed()).isTrue();
    }

    @Test
    void aPaymentThatMatchesNoPayableOrderSendsTheParentToSupport() {
        Chat chat = parent(MOTHER, Language.UZ, ParentRole.PARENT);
        chat.press(CallbackData.encode(new CallbackData.Checkout(Plan.MONTH, PaymentProvider.STARS)));

        chat.handle(new ChatInput.SuccessfulPayment(chat.sender, "order-1", "XTR", 1, "stx<1>"));
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.UZ, MessageKey.PAYMENT_UNMATCHED, "stx<1>"))
                .contains("stx&lt;1&gt;");

        chat.handle(new ChatInput.SuccessfulPayment(chat.sender, "order-404", "XTR", 250, "stx-2"));
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.UZ, MessageKey.PAYMENT_UNMATCHED, "stx-2"));
        assertThat(bot.payments.findById(new PaymentId("order-1")).orElseThrow().state())
                .isEqualTo(PaymentState.CREATED);
    }

    @Test
    void aRefundMadeElsewhereTakesThePeriodBackOnceAndOnlyForTheChargeThatPaid() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT);
        chat.press(CallbackData.encode(new CallbackData.Checkout(Plan.MONTH, PaymentProvider.STARS)));
        chat.handle(new ChatInput.SuccessfulPayment(chat.sender, "order-1", "XTR", 250, "stxCharge-1"));

        assertThat(chat.handle(new ChatInput.RefundedPayment(chat.sender, "order-1", "XTR", 250, "stxOther")))
                .isEmpty();
        assertThat(bot.payments.findById(new PaymentId("order-1")).orElseThrow().state())
                .as("another charge's refund").isEqualTo(PaymentState.PAID);

        ChatInput.RefundedPayment refund = new ChatInput.RefundedPayment(chat.sender, "order-1", "XTR", 250,
                "stxCharge-1");
        assertThat(chat.handle(refund)).isEmpty();
        assertThat(chat.handle(refund)).as("a duplicate notice").isEmpty();
        chat.handle(new ChatInput.RefundedPayment(chat.sender, "not an order!", "XTR", 250, "stxCharge-1"));

        assertThat(bot.payments.findById(new PaymentId("order-1")).orElseThrow().state())
                .isEqualTo(PaymentState.REFUNDED);
        assertThat(bot.delivered).hasSize(2);
        assertThat(((SendText) bot.delivered.getLast().message()).text()).contains("refunded");
        assertThat(bot.access.decide(new TelegramUserId(MOTHER), Feature.AI_ASSISTANT, NOW).allowed()).isFalse();
    }

    @Test
    void aPreCheckoutQueryWasAnsweredAlreadyAndGetsNoReply() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT);

        assertThat(chat.handle(new ChatInput.PreCheckout(chat.sender, "q-1", "order-1", "XTR", 250))).isEmpty();
    }

    @Test
    void thePaywallHasASubscribeButtonThatOpensTheSubscriptionScreen() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT, AZIZ.id());
        bot.assistant.next = new AskAssistant.Outcome.Paywall(
                new AccessDecision.Denied(Feature.AI_ASSISTANT, Optional.empty()));

        chat.say("How is Aziz doing?");
        assertThat(chat.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.ASSISTANT_PAYWALL));
        chat.pressLabel(bot.label(Language.EN, MessageKey.BUTTON_SUBSCRIBE));

        assertThat(chat.lastTexts()).contains("1 month: 99,000 UZS or 250 ⭐");
        assertThat(chat.callbackAnswers()).hasSize(1);
    }

    @Test
    void refundIsAnAdminCommandAndUnknownToEveryoneElse() {
        Chat mother = parent(MOTHER, Language.EN, ParentRole.PARENT);
        Chat admin = parent(ADMIN, Language.EN, ParentRole.ADMIN);
        mother.press(CallbackData.encode(new CallbackData.Checkout(Plan.MONTH, PaymentProvider.STARS)));
        mother.handle(new ChatInput.SuccessfulPayment(mother.sender, "order-1", "XTR", 250, "stxCharge-1"));

        mother.say("/refund order-1");
        assertThat(mother.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.UNKNOWN_COMMAND));

        admin.say("/refund");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.REFUND_USAGE));
        admin.say("/refund stxCharge-1");
        assertThat(admin.lastTexts()).contains("Refunded", "order-1", "250 ⭐");
        assertThat(bot.refundedCharges).containsExactly("stxCharge-1");
        assertThat(bot.payments.findById(new PaymentId("order-1")).orElseThrow().state())
                .isEqualTo(PaymentState.REFUNDED);
        assertThat(bot.delivered).hasSize(2);
        assertThat(((SendText) bot.delivered.getLast().message()).text()).contains("refunded");

        admin.say("/refund order-1");
        assertThat(admin.lastTexts()).isEqualTo(bot.text(Language.EN, MessageKey.REFUND_ALREADY, "order-1"));
    }

    @Test
    void paysupportAndTermsSayWhatIsSoldAndHowRefundsWork() {
        Chat chat = parent(MOTHER, Language.EN, ParentRole.PARENT);

        chat.say("/terms");
        assertThat(chat.lastTexts()).contains("1, 3 or 12 months", "never renews by itself", "/paysupport");
        chat.say("/paysupport");
        assertThat(chat.lastTexts()).contains("order number", "refunded in Stars");
    }
}
