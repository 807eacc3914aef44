package io.mentorium.application.port.out;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.ReportMetrics;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which reports went to whom, so a scheduled run that is repeated sends nothing twice, and what they said, so a parent
 * can open a past report again.
 */
public interface ReportHistory {

    /** Records the report as sent, with its content if given; false (and nothing changes) when it was recorded before. */
    boolean markSent(SentReport report);

    /**
     * {@link #markSent} for many reports in one go (a page of a scheduled run, in one transaction): returns those
     * recorded now, in the given order; a report recorded before (also by a concurrent run) is left out. Adapters do
     * it in one round trip.
     */
    default List<SentReport> markAllSent(List<SentReport> reports) {
        return reports.stream().filter(this::markSent).toList();
    }

    boolean wasSent(TelegramUserId parentId, LearnerId learnerId, ReportPeriod period);

    /** Deletes reports sent before {@code before} (their text and figures with them); returns how many. */
    int purgeSentBefore(Instant before);

    /** The parent's most recent reports first. */
    List<SentReport> sentTo(TelegramUserId parentId, int limit);

    /** The parent's reports of exactly this period (one per child at most), in no particular order. */
    List<SentReport> sentFor(TelegramUserId parentId, ReportPeriod period);

    /**
     * @param content what the parent read; empty for reports recorded before contents were kept
     */
    record SentReport(TelegramUserId parentId, LearnerId learnerId, ReportPeriod period, Instant sentAt,
                      Optional<Content> content) {

        public SentReport {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(content, "content");
        }

        public SentReport(TelegramUserId parentId, LearnerId learnerId, ReportPeriod period, Instant sentAt) {
            this(parentId, learnerId, period, sentAt, Optional.empty());
        }
    }

    /**
     * A sent report as the parent read it.
     *
     * @param learnerName the child's name as the report gave it, for the list of past reports
     * @param text        the rendered message (Telegram HTML), at most {@link Messenger#MAX_TEXT_LENGTH} characters
     */
    record Content(String learnerName, Figures figures, String text) {

        public Content {
            Objects.requireNonNull(learnerName, "learnerName");
            Objects.requireNonNull(figures, "figures");
            Objects.requireNonNull(text, "text");
            if (text.isBlank() || text.length() > Messenger.MAX_TEXT_LENGTH) {
                throw new IllegalArgumentException("a stored report is 1-" + Messenger.MAX_TEXT_LENGTH
                        + " characters, was " + text.length());
            }
        }
    }

    /** The report's figures, kept as numbers beside the text. */
    record Figures(ReportMetrics metrics, ReportMetrics previous, int streakDays) {

        public Figures {
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(previous, "previous");
            if (streakDays < 0) {
                throw new IllegalArgumentException("negative streak");
            }
        }
    }
}
