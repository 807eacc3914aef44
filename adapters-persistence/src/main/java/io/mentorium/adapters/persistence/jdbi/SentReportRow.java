package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of {@code bot.report_history}; {@code learnerName}, {@code figures} (JSON) and {@code reportText} are all null
 * or all set.
 */
record SentReportRow(long parentId, String learnerId, String kind, LocalDate periodStart, LocalDate periodEnd,
                     Instant sentAt, String learnerName, String figures, String reportText) {
}
