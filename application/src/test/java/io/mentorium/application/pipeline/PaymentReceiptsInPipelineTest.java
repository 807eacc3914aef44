package io.mentorium.application.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.billing.SettlePaymentService;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.ConverseWithParent;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryEventLog;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemoryPaymentRepository;
import io.mentorium.application.testing.InMemorySubscriptionRepository;
import io.mentorium.application.testing.InMemoryUpdateInbox;
import io.mentorium.application.testing.MutableClock;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.payment.Money;
import io.mentorium.domain.payment.Payment;
import io.mentorium.domain.payment.PaymentProvider;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A payment settled while an update is handled: its receipt leaves with the update's replies, after the commit. */
class PaymentReceiptsInPipelineTest {

    private static final Instant NOW = Instant.parse("2025-03-12T10:00:00Z");
    private static final TelegramUserId MOTHER = new TelegramUserId(7);

    @Test
    void theReceiptIsHandedOverWithTheRepliesNotBySettlementItself() {
        MutableClock clock = new MutableClock(NOW);
        InMemoryParentRepository parents = new InMemoryParentRepository();
        parents.save(Parent.register(MOTHER, new ChatId(7), Language.EN, ParentRole.PARENT, NOW));
        InMemoryPaymentRepository payments = new InMemoryPaymentRepository();
        payments.save(Payment.create(new PaymentId("order-1"), MOTHER, Plan.MONTH, Money.stars(250),
                PaymentProvider.STARS, NOW));
        InMemoryOutbox outbox = new InMemoryOutbox();
        DirectTransactionRunner transactions = new DirectTransactionRunner();
        List<QueuedMessage> deliveredBySettlement = new CopyOnWriteArrayList<>();
        SettlePaymentService settle = new SettlePaymentService(payments, new InMemorySubscriptionRepository(), parents,
                new InMemoryEventLog(), outbox, transactions, clock,
                CoreSettings.from(new Environment(Map.of())), deliveredBySettlement::addAll);
        ConverseWithParent converse = new ConverseWithParent() {
            @Override
            public List<Outgoing> handle(ChatInput input) {
                settle.settle(new PaymentId("order-1"), "charge-1", NOW);
                return List.of(new SendText(input.sender().chatId(), "thanks"));
            }

            @Override
            public List<Outgoing> apologize(ChatInput input) {
                return List.of();
            }
        };
        InMemoryUpdateInbox inbox = new InMemoryUpdateInbox();
        ChatInput.Sender sender = new ChatInput.Sender(MOTHER, new ChatId(7), Optional.empty());
        InboundUpdate update = new InboundUpdate(1, new ChatInput.SuccessfulPayment(sender, "order-1", "XTR", 250,
                "charge-1"));
        inbox.store(List.of(update), NOW);

        UpdateHandler.Outcome outcome = new UpdateHandler(converse, inbox, outbox, transactions, clock).handle(update);

        assertThat(outcome.replies()).extracting(queued -> ((SendText) queued.message()).text())
                .satisfiesExactly(receipt -> assertThat(receipt).contains("Payment received"),
                        reply -> assertThat(reply).isEqualTo("thanks"));
        assertThat(deliveredBySettlement).isEmpty();
    }
}
