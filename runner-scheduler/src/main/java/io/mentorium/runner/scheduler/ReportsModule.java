package io.mentorium.runner.scheduler;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.application.billing.SubscriptionFeatureAccess;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.conversation.ReportChartComposer;
import io.mentorium.application.conversation.ReportText;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.SendScheduledReports;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.Trials;
import io.mentorium.application.reports.SendScheduledReportsService;
import io.mentorium.application.service.BuildReportService;
import java.time.Clock;
import java.util.Optional;

/**
 * The report use case the {@code weekly-reports} and {@code monthly-reports} jobs call, with what it needs: reports
 * composed as the bot composes them, the same access decision (scheduled reports are a paid feature), and the outbox,
 * from which the bot's relay picks the queued reports up. Constructed explicitly, as in runner-bot's UseCaseModule,
 * so Dagger generates no factories into the application's packages.
 */
@Module
final class ReportsModule {

    private ReportsModule() {
    }

    @Provides
    @Reusable
    static SendScheduledReports sendScheduledReports(ParentRepository parents, LearnerDirectory directory,
                                                     ActivitySource activities, SubscriptionRepository subscriptions,
                                                     Trials trials, EventLog events, ReportHistory history,
                                                     Outbox outbox, TransactionRunner transactions,
                                                     SchedulerConfiguration configuration, Clock clock) {
        CoreSettings core = configuration.core();
        FeatureAccess access = new SubscriptionFeatureAccess(subscriptions, trials, parents, events, transactions,
                core, configuration.billing());
        BuildReport reports = new BuildReportService(parents, directory, activities, clock);
        Messages messages = new Messages();
        return new SendScheduledReportsService(parents, access, reports, history, outbox, events, transactions,
                new ReportText(messages), new ReportChartComposer(messages), core);
    }

    /** The jobs take the use case as optional: a build without it says so instead of pretending to send. */
    @Provides
    static Optional<SendScheduledReports> optionalReports(SendScheduledReports reports) {
        return Optional.of(reports);
    }
}
