package io.mentorium.runner.scheduler;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.in.SendDailyNotifications;
import io.mentorium.application.port.in.SendScheduledReports;
import io.mentorium.application.port.in.SendSubscriptionReminders;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.LinkAttemptLog;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ReportHistory;
import io.mentorium.application.port.out.RetentionRuns;
import io.mentorium.application.port.out.UpdateInbox;
import io.mentorium.application.service.PurgeRetainedDataService;
import io.mentorium.application.service.RetentionHandover;
import io.mentorium.domain.report.ReportKind;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases the jobs call, and each job's work: one call into one use case. Services are constructed explicitly,
 * as in runner-bot, so that Dagger generates nothing into the application's packages.
 */
@Module
final class SchedulerUseCaseModule {

    private SchedulerUseCaseModule() {
    }

    @Provides
    @Reusable
    static PurgeRetainedData purgeRetainedData(UpdateInbox inbox, Outbox outbox, ConversationStore conversations,
                                               LinkAttemptLog attempts, DialogRepository dialogs,
                                               AssistantQuestions questions, EventLog events,
                                               ReportHistory reports, NotificationHistory notifications,
                                               SchedulerConfiguration configuration, Clock clock) {
        return new PurgeRetainedDataService(inbox, outbox, conversations, attempts, dialogs, questions, events,
                reports, notifications, configuration.retention(), clock);
    }

    @Provides
    @Reusable
    static RetentionHandover retentionHandover(PurgeRetainedData purge, RetentionRuns runs, Clock clock) {
        return new RetentionHandover(purge, runs, clock);
    }

    @Provides
    @Singleton
    static SchedulerMetrics metrics() {
        return new SchedulerMetrics();
    }

    @Provides
    @Singleton
    static JobRunner jobRunner(RetentionHandover retention, Optional<SendScheduledReports> reports,
                               SendDailyNotifications notifications, SendSubscriptionReminders reminders,
                               SchedulerMetrics metrics, Clock clock) {
        return new JobRunner(Map.of(
                JobCatalog.WEEKLY_REPORTS, now -> reports(reports, ReportKind.WEEKLY, now),
                JobCatalog.MONTHLY_REPORTS, now -> reports(reports, ReportKind.MONTHLY, now),
                JobCatalog.DAILY_NOTIFICATIONS, now -> notifications(notifications, now),
                JobCatalog.SUBSCRIPTION_REMINDERS, now -> reminders(reminders, now),
                JobCatalog.RETENTION, now -> retention(retention)), metrics, clock);
    }

    private static String reports(Optional<SendScheduledReports> reports, ReportKind kind, java.time.Instant now) {
        SendScheduledReports send = reports.orElseThrow(() -> notInThisBuild("the scheduled report use case"));
        SendScheduledReports.Run run = send.send(kind, now);
        return run.parents() + " parent(s): " + run.queued() + " report(s) queued, " + run.alreadySent()
                + " queued earlier, " + run.skipped() + " skipped; the outbox relays deliver them";
    }

    private static String notifications(SendDailyNotifications notifications, java.time.Instant now) {
        SendDailyNotifications.Run run = notifications.send(now);
        return run.parents() + " parent(s): " + run.queued() + " notification(s) queued, " + run.alreadySent()
                + " queued earlier, " + run.skipped() + " skipped; the bot's relay delivers them";
    }

    private static String reminders(SendSubscriptionReminders reminders, java.time.Instant now) {
        SendSubscriptionReminders.Run run = reminders.send(now);
        return run.parents() + " parent(s): " + run.queued() + " reminder(s) queued, " + run.alreadySent()
                + " queued earlier, " + run.skipped() + " skipped; the bot's relay delivers them";
    }

    /** Noted in the bot's database when complete, so the bot's own retention timer stands down meanwhile. */
    private static String retention(RetentionHandover retention) {
        PurgeRetainedData.Purged purged = retention.purgeAsScheduler();
        String summary = "purged " + purged.inboxUpdates() + " handled update(s), " + purged.outboxMessages()
                + " sent message(s), " + purged.conversations() + " conversation state(s), " + purged.emailKeys()
                + " e-mail key(s), " + purged.dialogMessages() + " dialog message(s), " + purged.assistantQuestions()
                + " closed question(s)";
        if (!purged.complete()) {
            throw new JobWork.Failed(summary + "; failed: " + String.join(", ", purged.failed()));
        }
        return summary;
    }

    private static JobWork.Unavailable notInThisBuild(String what) {
        return new JobWork.Unavailable("not available in this build: " + what + " is not part of it yet");
    }
}
