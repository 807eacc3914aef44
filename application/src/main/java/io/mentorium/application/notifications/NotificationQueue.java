package io.mentorium.application.notifications;

import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.NotificationHistory.QueuedNotification;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.domain.notification.DeliveryPolicy;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.parent.Parent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How every kind of notification reaches the outbox: the parent's preferences and quiet hours decide whether and when
 * ({@link DeliveryPolicy}), and the history's mark decides whether at all. The mark and the outbox row are one
 * transaction of the bot's database, the mark first: a re-run, a second scheduler (its insert waits on the first's
 * uncommitted mark, then does nothing) or a restart after a kill queues nothing twice, and a failed transaction leaves
 * neither, so the next run queues it.
 */
public final class NotificationQueue {

    private final NotificationHistory history;
    private final Outbox outbox;
    private final EventLog events;
    private final TransactionRunner transactions;
    private final ZoneId quietHoursZone;

    /**
     * @param quietHoursZone the bot's time zone: parents set quiet hours on the bot's clock (the settings screen shows
     *                       them so), and a parent has no time zone of their own
     */
    public NotificationQueue(NotificationHistory history, Outbox outbox, EventLog events,
                             TransactionRunner transactions, ZoneId quietHoursZone) {
        this.history = Objects.requireNonNull(history, "history");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.events = Objects.requireNonNull(events, "events");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.quietHoursZone = Objects.requireNonNull(quietHoursZone, "quietHoursZone");
    }

    /**
     * When a notification of this kind may go out to the parent: {@code now}, the end of their quiet hours (deferred,
     * never dropped), or empty when they switched the kind off or blocked the bot.
     */
    public Optional<Instant> notBefore(Parent parent, NotificationKind kind, Instant now) {
        return DeliveryPolicy.decide(parent.preferences(), parent.reachable(), kind, now, quietHoursZone).sendAt(now);
    }

    /** Whether the parent was queued the notification with this key before (outside any transaction). */
    public boolean wasQueued(io.mentorium.domain.shared.TelegramUserId parentId, String key) {
        return history.wasQueued(parentId, key);
    }

    /** Without an event log: for hosts that embed the use cases and keep no log. */
    public NotificationQueue(NotificationHistory history, Outbox outbox, TransactionRunner transactions,
                             ZoneId quietHoursZone) {
        this(history, outbox, EventLog.DISCARD, transactions, quietHoursZone);
    }

    /**
     * Marks and queues in one transaction, with a {@code notification.queued} event (kind and key, never the text);
     * false when the key was marked before (nothing is queued then).
     */
    public boolean queueOnce(QueuedNotification mark, Outgoing message, Instant now, Instant notBefore) {
        return transactions.inTransaction(() -> {
            if (!history.markQueued(mark)) {
                return false;
            }
            outbox.enqueue(List.of(message), now, notBefore);
            events.record(EventLog.Event.by(mark.parentId(), "notification.queued",
                    Map.of("kind", mark.kind().name().toLowerCase(java.util.Locale.ROOT), "key", mark.key()), now));
            return true;
        });
    }

    /** The idempotency key: kind, learner (or "parent" for the parent's own) and the event. */
    public static String key(NotificationKind kind, Optional<String> learnerId, String eventKey) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + learnerId.orElse("parent") + ":" + eventKey;
    }
}
