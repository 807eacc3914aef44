package io.mentorium.application.port.out;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.notification.NotificationKind;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which notifications were queued for whom: the idempotency key of every notification kind. A mark is written in the
 * same transaction as the notification's outbox row, so the two exist together or not at all.
 */
public interface NotificationHistory {

    /**
     * Records the notification as queued; false (and nothing changes) when the same parent has this key already. Joins
     * the caller's transaction; a concurrent mark of the same key waits for the other transaction and then answers
     * false if it committed.
     */
    boolean markQueued(QueuedNotification notification);

    boolean wasQueued(TelegramUserId parentId, String key);

    /** Deletes marks queued before {@code before}; returns how many. */
    int purgeQueuedBefore(Instant before);

    /**
     * @param key       unique per parent: kind, learner and event (for example
     *                  {@code achievement:L-1:streak-7:2026-11-20}), at most 300 characters
     * @param learnerId the child the notification is about; empty for the parent's own (reminders, announcements)
     */
    record QueuedNotification(TelegramUserId parentId, String key, NotificationKind kind,
                              Optional<LearnerId> learnerId, Instant queuedAt) {

        public static final int MAX_KEY_LENGTH = 300;

        public QueuedNotification {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(queuedAt, "queuedAt");
            if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("notification key must be 1.." + MAX_KEY_LENGTH + " characters");
            }
        }
    }
}
