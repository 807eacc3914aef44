package io.mentorium.application.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.conversation.CallbackData;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.port.in.SendSubscriptionReminders.Run;
import io.mentorium.application.port.out.Messenger.Keyboard;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.Outbox.QueuedMessage;
import io.mentorium.application.testing.DirectTransactionRunner;
import io.mentorium.application.testing.InMemoryNotificationHistory;
import io.mentorium.application.testing.InMemoryOutbox;
import io.mentorium.application.testing.InMemoryParentRepository;
import io.mentorium.application.testing.InMemorySubscriptionRepository;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendSubscriptionRemindersServiceTest {

    private static final ZoneId TASHKENT = ZoneId.of("Asia/Tashkent");
    private static final SubscriptionTerms TERMS = SubscriptionTerms.ofGraceDays(3, TASHKENT);
    private static final Instant PAID = Instant.parse("2025-03-01T07:00:00Z");
    private static final Instant END = Instant.parse("2025-04-01T07:00:00Z");
    /** 10:00 in Tashkent, two days before the end. */
    private static final Instant MORNING = Instant.parse("2025-03-30T05:00:00Z");

    private final InMemoryParentRepository parents = new InMemoryParentRepository();
    private final InMemorySubscriptionRepository subscriptions = new InMemorySubscriptionRepository();
    private final InMemoryNotificationHistory history = new InMemoryNotificationHistory();
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    private SendSubscriptionRemindersService service(int pageSize) {
        return new SendSubscriptionRemindersService(parents, subscriptions,
                new NotificationQueue(history, outbox, new DirectTransactionRunner(), TASHKENT),
                new NotificationText(new Messages()), TERMS, pageSize);
    }

    private Parent parent(long id, Language language, boolean paid) {
        Parent parent = Parent.register(new TelegramUserId(id), new ChatId(id), language, ParentRole.PARENT,
                Instant.parse("2025-01-01T00:00:00Z"));
        parents.save(parent);
        if (paid) {
            subscriptions.save(Subscription.of(parent.id(),
                    List.of(new Grant(new PaymentId("p-" + id), Plan.MONTH, PAID))));
        }
        return parent;
    }

    private List<SendText> to(long chat) {
        return outbox.all().stream().map(SendText.class::cast)
                .filter(message -> message.chatId().equals(new ChatId(chat))).toList();
    }

    @Test
    void ends_soon_then_ended_then_grace_ending_each_once_with_the_subscribe_button() {
        parent(1, Language.EN, true);
        parent(2, Language.EN, false);

        assertThat(service(500).send(MORNING)).isEqualTo(new Run(2, 1, 0, 0));
        assertThat(service(500).send(MORNING.plus(Duration.ofDays(1)))).isEqualTo(new Run(2, 0, 1, 0));
        service(500).send(END.plus(Duration.ofHours(3)));
        service(500).send(END.plus(Duration.ofDays(1)));
        service(500).send(END.plus(Duration.ofDays(2)).plus(Duration.ofHours(22)));
        service(500).send(END.plus(Duration.ofDays(4)));

        assertThat(to(1)).extracting(SendText::text).satisfiesExactly(
                soon -> assertThat(soon).contains("ends on 1 April 2025"),
                ended -> assertThat(ended).contains("has ended", "until 4 April 2025"),
                graceEnding -> assertThat(graceEnding).contains("paid features ends on 4 April 2025"));
        assertThat(to(1)).allSatisfy(message -> assertThat(message.keyboard()).isEqualTo(new Keyboard.Inline(
                List.of(List.of(new io.mentorium.application.port.out.Messenger.Button("⭐ Subscribe",
                        CallbackData.encode(new CallbackData.OpenSubscription())))))));
        assertThat(to(2)).isEmpty();
        assertThat(history.all()).extracting(mark -> mark.key()).allSatisfy(key ->
                assertThat(key).startsWith("reminder:parent:"));
    }

    @Test
    void a_parent_who_switched_reminders_off_or_blocked_the_bot_is_skipped_and_quiet_hours_defer() {
        Parent off = parent(1, Language.RU, true);
        off.changePreferences(off.preferences().withKind(NotificationKind.REMINDER, false));
        parents.save(off);
        Parent blocked = parent(2, Language.RU, true);
        blocked.markBlocked(PAID);
        parents.save(blocked);
        parent(3, Language.UZ, true);
        // 23:30 in Tashkent: quiet until 08:00.
        Instant night = Instant.parse("2025-03-30T18:30:00Z");

        Run run = service(2).send(night);

        assertThat(run).isEqualTo(new Run(3, 1, 0, 2));
        assertThat(outbox.pending(0, 10)).singleElement().satisfies(message -> {
            assertThat(message.notBefore()).isEqualTo(Instant.parse("2025-03-31T03:00:00Z"));
            assertThat(((SendText) message.message()).text()).contains("Obunangiz", "2025-yil 1-aprel");
        });
    }

    @Test
    void the_reminder_is_not_gated_a_parent_in_grace_or_expired_still_hears_about_it() {
        parent(1, Language.RU, true);

        service(500).send(END.plus(Duration.ofHours(1)));

        assertThat(outbox.pending(0, 10)).extracting(QueuedMessage::message).singleElement()
                .satisfies(message -> assertThat(((SendText) message).text()).contains("Подписка закончилась"));
    }
}
