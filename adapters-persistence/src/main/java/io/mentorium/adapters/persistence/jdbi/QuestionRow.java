package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;

/** An open row of {@code bot.assistant_questions}, as much of it as an answer attempt needs. */
record QuestionRow(long id, long parentId, long chatId, String text, int attempts, Instant askedAt) {
}
