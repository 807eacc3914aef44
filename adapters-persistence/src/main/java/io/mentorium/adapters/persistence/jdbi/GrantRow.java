package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A row of {@code bot.subscription_grants}. */
record GrantRow(String paymentId, long parentId, String plan, Instant paidAt) {
}
