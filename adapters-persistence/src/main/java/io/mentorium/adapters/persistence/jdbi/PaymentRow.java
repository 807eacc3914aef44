package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** A row of {@code bot.payments}. */
record PaymentRow(String id, long parentId, String plan, long amountMinor, String currency, String provider,
                  String state, String providerTxId, Instant createdAt, Instant paidAt, Instant cancelledAt,
                  Integer cancelReason) {
}
