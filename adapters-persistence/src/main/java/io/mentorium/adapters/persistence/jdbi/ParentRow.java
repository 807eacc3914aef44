package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.time.LocalTime;

/** A row of {@code bot.parents}. */
record ParentRow(long telegramUserId, long chatId, String language, String role, String[] enabledNotifications,
                 String[] reportKinds, LocalTime quietStart, LocalTime quietEnd, Instant blockedAt,
                 Instant registeredAt) {
}
