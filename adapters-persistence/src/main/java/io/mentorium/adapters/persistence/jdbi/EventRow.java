package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/**
 * A row of {@code bot.event_log}, with the {@code details} object taken apart into keys and values in the same order.
 */
record EventRow(String type, Long actorId, String[] detailKeys, String[] detailValues, Instant occurredAt) {
}
