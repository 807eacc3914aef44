package io.mentorium.application.testing;

import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.report.ReportPeriod;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public final class InMemoryReportHistory implements ReportHistory {

    private final List<SentReport> sent = new ArrayList<>();

    @Override
    public synchronized boolean markSent(SentReport report) {
        if (wasSent(report.parentId(), report.learnerId(), report.period())) {
            return false;
        }
        sent.add(report);
        // As in the database: a report recorded in a transaction that rolls back (its outbox row failed) was not sent.
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                sent.remove(report);
            }
        });
        return true;
    }

    @Override
    public synchronized boolean wasSent(TelegramUserId parentId, LearnerId learnerId, ReportPeriod period) {
        return sent.stream().anyMatch(report -> report.parentId().equals(parentId)
                && report.learnerId().equals(learnerId) && report.period().equals(period));
    }

    @Override
    public synchronized int purgeSentBefore(Instant before) {
        int size = sent.size();
        sent.removeIf(report -> report.sentAt().isBefore(before));
        return size - sent.size();
    }

    @Override
    public synchronized List<SentReport> sentTo(TelegramUserId parentId, int limit) {
        return sent.stream()
                .filter(report -> report.parentId().equals(parentId))
                .sorted(Comparator.comparing(SentReport::sentAt).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<SentReport> sentFor(TelegramUserId parentId, ReportPeriod period) {
        return sent.stream()
                .filter(report -> report.parentId().equals(parentId) && report.period().equals(period))
                .toList();
    }
}
