package io.mentorium.adapters.persistence.jdbi;

/** A pending inbox row as read back; the payload may be anything the table accepted. */
record InboxRow(long updateId, long chatId, String payload) {
}
