package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A row of {@code bot.trials}. */
record TrialRow(long parentId, Instant startsAt, Instant endsAt) {
}
