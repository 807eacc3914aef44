package io.mentorium.adapters.persistence.jdbi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SentReportRow.class)
interface ReportHistoryDao {

    /** 1 when recorded, 0 when the same report was recorded before (its first record stays as it was). */
    @SqlUpdate("""
            INSERT INTO bot.report_history (parent_id, learner_id, kind, period_start, period_end, sent_at,
                                            learner_name, figures, report_text)
            VALUES (:parentId, :learnerId, :kind, :periodStart, :periodEnd, :sentAt,
                    :learnerName, CAST(:figures AS jsonb), :reportText)
            ON CONFLICT (parent_id, learner_id, kind, period_start) DO NOTHING
            """)
    int insertIfAbsent(long parentId, String learnerId, String kind, LocalDate periodStart, LocalDate periodEnd,
                       Instant sentAt, String learnerName, String figures, String reportText);

    /** Bound value by value: Jdbi's {@code @BindMethods} only sees methods of public types. */
    default int insertIfAbsent(SentReportRow r) {
        return insertIfAbsent(r.parentId(), r.learnerId(), r.kind(), r.periodStart(), r.periodEnd(), r.sentAt(),
                r.learnerName(), r.figures(), r.reportText());
    }

    /** {@link #insertIfAbsent} for many rows in one batch (one round trip): 1 or 0 per row, in order. */
    @SqlBatch("""
            INSERT INTO bot.report_history (parent_id, learner_id, kind, period_start, period_end, sent_at,
                                            learner_name, figures, report_text)
            VALUES (:parentId, :learnerId, :kind, :periodStart, :periodEnd, :sentAt,
                    :learnerName, CAST(:figures AS jsonb), :reportText)
            ON CONFLICT (parent_id, learner_id, kind, period_start) DO NOTHING
            """)
    int[] insertAllIfAbsent(List<Long> parentId, List<String> learnerId, List<String> kind,
                            List<LocalDate> periodStart, List<LocalDate> periodEnd, List<Instant> sentAt,
                            List<String> learnerName, List<String> figures, List<String> reportText);

    default int[] insertAllIfAbsent(List<SentReportRow> rows) {
        return insertAllIfAbsent(rows.stream().map(SentReportRow::parentId).toList(),
                rows.stream().map(SentReportRow::learnerId).toList(), rows.stream().map(SentReportRow::kind).toList(),
                rows.stream().map(SentReportRow::periodStart).toList(),
                rows.stream().map(SentReportRow::periodEnd).toList(), rows.stream().map(SentReportRow::sentAt).toList(),
                rows.stream().map(SentReportRow::learnerName).toList(),
                rows.stream().map(SentReportRow::figures).toList(),
                rows.stream().map(SentReportRow::reportText).toList());
    }

    /** In chunks, so that a year's first purge never holds many row locks in one long statement. */
    @SqlUpdate("""
            DELETE FROM bot.report_history
             WHERE ctid = ANY (ARRAY(SELECT ctid FROM bot.report_history WHERE sent_at < :before LIMIT :limit))
            """)
    int deleteSentBefore(Instant before, int limit);

    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM bot.report_history
                            WHERE parent_id = :parentId AND learner_id = :learnerId
                              AND kind = :kind AND period_start = :periodStart)
            """)
    boolean exists(long parentId, String learnerId, String kind, LocalDate periodStart);

    @SqlQuery("""
            SELECT parent_id, learner_id, kind, period_start, period_end, sent_at,
                   learner_name, figures::text AS figures, report_text
              FROM bot.report_history
             WHERE parent_id = :parentId
             ORDER BY sent_at DESC, period_start DESC, learner_id
             LIMIT :limit
            """)
    List<SentReportRow> sentTo(long parentId, int limit);

    @SqlQuery("""
            SELECT parent_id, learner_id, kind, period_start, period_end, sent_at,
                   learner_name, figures::text AS figures, report_text
              FROM bot.report_history
             WHERE parent_id = :parentId AND kind = :kind AND period_start = :periodStart
            """)
    List<SentReportRow> sentFor(long parentId, String kind, LocalDate periodStart);
}
