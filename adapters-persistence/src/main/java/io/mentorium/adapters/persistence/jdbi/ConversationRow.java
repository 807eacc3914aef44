package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A row of {@code bot.conversations}, the values as a JSON object. */
record ConversationRow(String step, String stateValues, Instant expiresAt) {
}
