package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A row of {@code bot.parent_learners}. */
record LinkRow(long parentId, String learnerId, String viaEmail, Instant linkedAt, int linkOrder) {
}
