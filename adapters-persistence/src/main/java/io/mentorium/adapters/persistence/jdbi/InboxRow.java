package io.mentorium.adapters.persistence.jdbi;

/** A pending row of {@code bot.inbox_updates}: the id and the {@code ChatInput} as JSON. */
record InboxRow(long updateId, String payload) {
}
