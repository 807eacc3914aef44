package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A pending row of {@code bot.outbox_messages}, the message as JSON. */
record OutboxRow(long id, String payload, int attempts, Instant notBefore) {
}
