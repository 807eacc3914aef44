package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.time.LocalDate;

/** A row of {@code bot.report_history}. */
record SentReportRow(long parentId, String learnerId, String kind, LocalDate periodStart, LocalDate periodEnd,
                     Instant sentAt) {
}
