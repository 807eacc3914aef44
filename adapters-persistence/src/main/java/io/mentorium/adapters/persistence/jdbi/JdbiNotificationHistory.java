package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Queued notifications in {@code bot.notification_history}. {@link #markQueued} is one
 * {@code INSERT ... ON CONFLICT DO NOTHING} on the primary key (parent, key): two scheduler nodes racing on the same
 * event cannot both see "not queued yet" — the second insert waits for the first transaction and then does nothing.
 */
public final class JdbiNotificationHistory implements NotificationHistory {

    private final Jdbi jdbi;

    public JdbiNotificationHistory(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean markQueued(QueuedNotification notification) {
        String learnerId = notification.learnerId().map(LearnerId::value).orElse(null);
        return Storage.call("record a queued notification", () -> jdbi.withExtension(NotificationHistoryDao.class,
                dao -> dao.insertIfAbsent(notification.parentId().value(), notification.key(),
                        notification.kind().name(), learnerId, notification.queuedAt()))) == 1;
    }

    @Override
    public boolean wasQueued(TelegramUserId parentId, String key) {
        return Storage.call("look up a queued notification", () -> jdbi.withExtension(NotificationHistoryDao.class,
                dao -> dao.exists(parentId.value(), key)));
    }

    @Override
    public int purgeQueuedBefore(Instant before) {
        return Storage.call("purge the notification history", () -> jdbi.withExtension(NotificationHistoryDao.class,
                dao -> dao.deleteBefore(before)));
    }
}
