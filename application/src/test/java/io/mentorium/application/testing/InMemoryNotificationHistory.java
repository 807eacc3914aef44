package io.mentorium.application.testing;

import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class InMemoryNotificationHistory implements NotificationHistory {

    private final Map<String, QueuedNotification> marks = new LinkedHashMap<>();

    private static String id(TelegramUserId parentId, String key) {
        return parentId.value() + "|" + key;
    }

    @Override
    public synchronized boolean markQueued(QueuedNotification notification) {
        String id = id(notification.parentId(), notification.key());
        if (marks.putIfAbsent(id, notification) != null) {
            return false;
        }
        // As in the database: a mark in a transaction that rolls back (its outbox row failed) was never made.
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                marks.remove(id);
            }
        });
        return true;
    }

    @Override
    public synchronized boolean wasQueued(TelegramUserId parentId, String key) {
        return marks.containsKey(id(parentId, key));
    }

    @Override
    public synchronized int purgeQueuedBefore(Instant before) {
        int before0 = marks.size();
        marks.values().removeIf(mark -> mark.queuedAt().isBefore(before));
        return before0 - marks.size();
    }

    public synchronized List<QueuedNotification> all() {
        return new ArrayList<>(marks.values());
    }
}
