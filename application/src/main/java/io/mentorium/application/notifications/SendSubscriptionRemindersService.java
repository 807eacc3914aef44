package io.mentorium.application.notifications;

import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.port.in.SendSubscriptionReminders;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.application.port.out.NotificationHistory.QueuedNotification;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.notification.SubscriptionReminder;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.SubscriptionTerms;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscription reminder run: for every parent who paid, the reminder the domain finds due
 * ({@link SubscriptionReminder#due}), with the subscription screen's Subscribe button, once per paid period. Not gated
 * by the subscription (it is about the subscription), but the parent can switch reminders off, and quiet hours defer
 * them. Subscriptions live in the bot's database, read one parent at a time outside any transaction.
 */
public final class SendSubscriptionRemindersService implements SendSubscriptionReminders {

    public static final int DEFAULT_PAGE_SIZE = 500;

    private static final Logger LOG = LoggerFactory.getLogger(SendSubscriptionRemindersService.class);

    private final ParentRepository parents;
    private final SubscriptionRepository subscriptions;
    private final NotificationQueue queue;
    private final NotificationText text;
    private final SubscriptionTerms terms;
    private final ZoneId zone;
    private final int pageSize;

    public SendSubscriptionRemindersService(ParentRepository parents, SubscriptionRepository subscriptions,
                                            NotificationHistory history, Outbox outbox, EventLog events,
                                            TransactionRunner transactions, NotificationText text,
                                            CoreSettings settings) {
        this(parents, subscriptions,
                new NotificationQueue(history, outbox, events, transactions, settings.botTimeZone()),
                text, settings.subscriptionTerms(), DEFAULT_PAGE_SIZE);
    }

    public SendSubscriptionRemindersService(ParentRepository parents, SubscriptionRepository subscriptions,
                                            NotificationQueue queue, NotificationText text, SubscriptionTerms terms,
                                            int pageSize) {
        this.parents = Objects.requireNonNull(parents, "parents");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.text = Objects.requireNonNull(text, "text");
        this.terms = Objects.requireNonNull(terms, "terms");
        this.zone = terms.zone();
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive: " + pageSize);
        }
        this.pageSize = pageSize;
    }

    @Override
    public Run send(Instant now) {
        Objects.requireNonNull(now, "now");
        int seen = 0;
        int queued = 0;
        int alreadySent = 0;
        int skipped = 0;
        Optional<TelegramUserId> after = Optional.empty();
        while (true) {
            List<Parent> page = parents.findPage(after, pageSize);
            for (Parent parent : page) {
                seen++;
                Optional<Instant> notBefore = queue.notBefore(parent, NotificationKind.REMINDER, now);
                if (notBefore.isEmpty()) {
                    skipped++;
                    continue;
                }
                Optional<SubscriptionReminder> due = SubscriptionReminder.due(subscriptions.findFor(parent.id()),
                        terms, now);
                if (due.isEmpty()) {
                    continue;
                }
                SubscriptionReminder reminder = due.get();
                QueuedNotification mark = new QueuedNotification(parent.id(),
                        NotificationQueue.key(NotificationKind.REMINDER, Optional.empty(), reminder.eventKey()),
                        NotificationKind.REMINDER, Optional.empty(), now);
                SendText message = new SendText(parent.chatId(), text.render(reminder, parent.language(), zone),
                        text.subscribeButton(parent.language()));
                if (queue.queueOnce(mark, message, now, notBefore.get())) {
                    queued++;
                } else {
                    alreadySent++;
                }
            }
            if (page.size() < pageSize) {
                break;
            }
            after = Optional.of(page.getLast().id());
        }
        Run run = new Run(seen, queued, alreadySent, skipped);
        LOG.info("Subscription reminders at {}: {}", now, run);
        return run;
    }
}
