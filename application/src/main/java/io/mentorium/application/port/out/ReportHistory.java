package io.mentorium.application.port.out;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Which reports went to whom, so a scheduled run that is repeated sends nothing twice. */
public interface ReportHistory {

    /** Records the report as sent; false (and nothing changes) when it was recorded before. */
    boolean markSent(SentReport report);

    boolean wasSent(TelegramUserId parentId, LearnerId learnerId, ReportPeriod period);

    /** The parent's most recent reports first. */
    List<SentReport> sentTo(TelegramUserId parentId, int limit);

    record SentReport(TelegramUserId parentId, LearnerId learnerId, ReportPeriod period, Instant sentAt) {

        public SentReport {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(sentAt, "sentAt");
        }
    }
}
