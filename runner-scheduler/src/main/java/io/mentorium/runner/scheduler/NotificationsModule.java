package io.mentorium.runner.scheduler;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.application.billing.SubscriptionFeatureAccess;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.notifications.SendDailyNotificationsService;
import io.mentorium.application.notifications.SendSubscriptionRemindersService;
import io.mentorium.application.port.in.SendDailyNotifications;
import io.mentorium.application.port.in.SendSubscriptionReminders;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.LearnerDirectory;
import io.mentorium.application.port.out.NotificationHistory;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.ParentRepository;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TipWriter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.application.port.out.Trials;

/**
 * The notification use cases the {@code daily-notifications} and {@code subscription-reminders} jobs call: the same
 * access decision as the bot's (notifications other than reminders and announcements are a paid feature, trial
 * included), the notification history and the outbox, from which the bot's relay picks the queued messages up, and
 * the weekly tip's writer ({@link TipsModule}).
 * Constructed explicitly, so Dagger generates nothing into the application's packages.
 */
@Module
final class NotificationsModule {

    private NotificationsModule() {
    }

    @Provides
    @Reusable
    static SendDailyNotifications sendDailyNotifications(ParentRepository parents, LearnerDirectory directory,
                                                         ActivitySource activities,
                                                         SubscriptionRepository subscriptions, Trials trials,
                                                         EventLog events, NotificationHistory history, Outbox outbox,
                                                         TransactionRunner transactions, TipWriter tips,
                                                         SchedulerConfiguration configuration) {
        CoreSettings core = configuration.core();
        FeatureAccess access = new SubscriptionFeatureAccess(subscriptions, trials, parents, events, transactions,
                core, configuration.billing());
        return new SendDailyNotificationsService(parents, access, directory, activities, history, outbox, events,
                transactions, new NotificationText(new Messages()), tips, configuration.tipConcurrency(), core);
    }

    @Provides
    @Reusable
    static SendSubscriptionReminders sendSubscriptionReminders(ParentRepository parents,
                                                               SubscriptionRepository subscriptions,
                                                               NotificationHistory history, Outbox outbox,
                                                               EventLog events, TransactionRunner transactions,
                                                               SchedulerConfiguration configuration) {
        return new SendSubscriptionRemindersService(parents, subscriptions, history, outbox, events, transactions,
                new NotificationText(new Messages()), configuration.core());
    }
}
