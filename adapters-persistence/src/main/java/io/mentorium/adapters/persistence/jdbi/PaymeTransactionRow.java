package io.mentorium.adapters.persistence.jdbi;

/** A row of {@code bot.payme_transactions}. */
record PaymeTransactionRow(String paymeId, String orderId, long paymeTime, long amountTiyin, String transaction,
                           int state, long createTime, long performTime, long cancelTime, Integer reason) {
}
