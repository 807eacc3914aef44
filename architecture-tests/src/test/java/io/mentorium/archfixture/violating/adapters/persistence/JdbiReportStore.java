package io.mentorium.archfixture.violating.adapters.persistence;

import io.mentorium.archfixture.violating.adapters.telegram.TelegramMessenger;
import io.mentorium.archfixture.violating.application.port.out.ReportStore;
import io.mentorium.archfixture.violating.domain.report.Report;

/** A persistence adapter that sends Telegram messages itself: one adapter depending on another. */
public class JdbiReportStore implements ReportStore {

    private final TelegramMessenger messenger = new TelegramMessenger();

    @Override
    public void save(Report report) {
        messenger.send(report.text());
    }
}
