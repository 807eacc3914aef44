package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.ReportHistory.Content;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.ReportKind;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sent reports in {@code bot.report_history}, with what they said (changelog 026). {@link #markSent} is one {@code INSERT ... ON CONFLICT DO NOTHING}, so
 * two scheduler nodes racing on the same report cannot both see "not sent yet".
 */
public final class JdbiReportHistory implements ReportHistory {

    private static final int PURGE_CHUNK = 5_000;

    private final Jdbi jdbi;

    public JdbiReportHistory(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public boolean markSent(SentReport report) {
        SentReportRow row = row(report);
        return Storage.call("record a sent report",
                () -> jdbi.withExtension(ReportHistoryDao.class, dao -> dao.insertIfAbsent(row))) == 1;
    }

    @Override
    public List<SentReport> markAllSent(List<SentReport> reports) {
        if (reports.isEmpty()) {
            return List.of();
        }
        List<SentReportRow> rows = reports.stream().map(JdbiReportHistory::row).toList();
        int[] counts = Storage.call("record sent reports",
                () -> jdbi.withExtension(ReportHistoryDao.class, dao -> dao.insertAllIfAbsent(rows)));
        List<SentReport> recorded = new ArrayList<>(reports.size());
        for (int i = 0; i < reports.size(); i++) {
            if (counts[i] == 1) {
                recorded.add(reports.get(i));
            }
        }
        return recorded;
    }

    private static SentReportRow row(SentReport report) {
        ReportPeriod period = report.period();
        Optional<Content> content = report.content();
        return new SentReportRow(report.parentId().value(), report.learnerId().value(),
                period.kind().name(), period.start(), period.end(), report.sentAt(),
                content.map(c -> storable(c.learnerName())).orElse(null),
                content.map(c -> ReportFiguresJson.write(c.figures())).orElse(null),
                content.map(c -> storable(c.text())).orElse(null));
    }

    @Override
    public boolean wasSent(TelegramUserId parentId, LearnerId learnerId, ReportPeriod period) {
        return Storage.call("look up a sent report", () -> jdbi.withExtension(ReportHistoryDao.class,
                dao -> dao.exists(parentId.value(), learnerId.value(), period.kind().name(), period.start())));
    }

    @Override
    public int purgeSentBefore(Instant before) {
        int total = 0;
        while (true) {
            int deleted = Storage.call("purge sent reports", () -> jdbi.withExtension(ReportHistoryDao.class,
                    dao -> dao.deleteSentBefore(before, PURGE_CHUNK)));
            total += deleted;
            if (deleted < PURGE_CHUNK) {
                return total;
            }
        }
    }

    @Override
    public List<SentReport> sentTo(TelegramUserId parentId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<SentReportRow> rows = Storage.call("load sent reports",
                () -> jdbi.withExtension(ReportHistoryDao.class, dao -> dao.sentTo(parentId.value(), limit)));
        return reports(parentId, rows);
    }

    @Override
    public List<SentReport> sentFor(TelegramUserId parentId, ReportPeriod period) {
        List<SentReportRow> rows = Storage.call("load sent reports of a period",
                () -> jdbi.withExtension(ReportHistoryDao.class,
                        dao -> dao.sentFor(parentId.value(), period.kind().name(), period.start())));
        return reports(parentId, rows);
    }

    private static List<SentReport> reports(TelegramUserId parentId, List<SentReportRow> rows) {
        try {
            return rows.stream().map(row -> new SentReport(parentId, new LearnerId(row.learnerId()),
                    new ReportPeriod(ReportKind.valueOf(row.kind()), row.periodStart(), row.periodEnd()),
                    row.sentAt(), content(row))).toList();
        } catch (RuntimeException e) {
            throw Storage.corrupt("report history of parent " + parentId, e);
        }
    }

    private static Optional<Content> content(SentReportRow row) {
        if (row.reportText() == null) {
            return Optional.empty();
        }
        return Optional.of(new Content(row.learnerName(), ReportFiguresJson.read(row.figures()), row.reportText()));
    }

    /**
     * PostgreSQL's text cannot hold NUL, which platform data might carry into a name or a title; the stored copy
     * shows a replacement character there instead.
     */
    private static String storable(String text) {
        return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }
}
