package io.mentorium.application.service;

import io.mentorium.application.port.in.ViewPastReports;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.ReportHistory.SentReport;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;

/** Past reports from the report history, one query per screen. */
public final class ViewPastReportsService implements ViewPastReports {

    private final ReportHistory history;

    @Inject
    public ViewPastReportsService(ReportHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    @Override
    public List<PastReport> recent(TelegramUserId parentId, int limit) {
        Objects.requireNonNull(parentId, "parentId");
        // Reports recorded before texts were kept have nothing to show; asking for a few more keeps the list full
        // while such rows are still around.
        return history.sentTo(parentId, limit * 2).stream()
                .filter(sent -> sent.content().isPresent())
                .limit(limit)
                .map(ViewPastReportsService::past)
                .toList();
    }

    @Override
    public List<PastReport> ofPeriod(TelegramUserId parentId, ReportPeriod period) {
        return history.sentFor(Objects.requireNonNull(parentId, "parentId"), Objects.requireNonNull(period, "period"))
                .stream()
                .filter(sent -> sent.content().isPresent())
                .map(ViewPastReportsService::past)
                .toList();
    }

    private static PastReport past(SentReport sent) {
        ReportHistory.Content content = sent.content().orElseThrow();
        return new PastReport(sent.learnerId(), content.learnerName(), sent.period(), sent.sentAt(), content.text());
    }
}
