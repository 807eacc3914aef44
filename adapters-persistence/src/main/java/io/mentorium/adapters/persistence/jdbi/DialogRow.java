package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A row of {@code bot.dialog_messages} (without its id, which only orders the rows). */
record DialogRow(long parentId, String role, String content, int tokenCount, Instant createdAt) {
}
