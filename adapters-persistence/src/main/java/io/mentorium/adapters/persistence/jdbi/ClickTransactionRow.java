package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A row of {@code bot.click_transactions}. */
record ClickTransactionRow(long clickTransId, String orderId, long prepareId, String amount, String state,
                           Instant preparedAt, Instant finishedAt) {
}
