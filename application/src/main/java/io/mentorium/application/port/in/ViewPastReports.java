package io.mentorium.application.port.in;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A parent reads again the scheduled reports the bot sent them; only their own, only those whose text was kept. */
public interface ViewPastReports {

    /** The parent's most recent past reports first, at most {@code limit}. */
    List<PastReport> recent(TelegramUserId parentId, int limit);

    /** The parent's past reports of exactly this period: one per child at most. */
    List<PastReport> ofPeriod(TelegramUserId parentId, ReportPeriod period);

    /** @param text the report as it was sent (Telegram HTML) */
    record PastReport(LearnerId learnerId, String learnerName, ReportPeriod period, Instant sentAt, String text) {

        public PastReport {
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(learnerName, "learnerName");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(text, "text");
        }
    }
}
