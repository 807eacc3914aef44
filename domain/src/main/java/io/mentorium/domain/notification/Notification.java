package io.mentorium.domain.notification;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A notification meant for one parent. The text is rendered later, in the parent's language, from {@code kind} and
 * {@code parameters}; the domain never holds user-facing text.
 *
 * @param dedupKey the same key is never delivered twice to the same parent (e.g. "missed-days:L1:2026-11-20")
 */
public record Notification(TelegramUserId parentId, NotificationKind kind, Optional<LearnerId> learnerId,
                           Map<String, String> parameters, String dedupKey, Instant createdAt) {

    public Notification {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(createdAt, "createdAt");
        parameters = Map.copyOf(parameters);
        if (dedupKey.isBlank() || dedupKey.length() > 200) {
            throw new IllegalArgumentException("dedup key must be 1..200 characters");
        }
    }
}
