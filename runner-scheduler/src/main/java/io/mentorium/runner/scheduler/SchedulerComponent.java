package io.mentorium.runner.scheduler;

import dagger.BindsInstance;
import dagger.Component;
import io.mentorium.adapters.openai.OpenAiAssistant;
import io.mentorium.adapters.openai.OpenAiModule;
import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.PersistenceModule;
import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.in.SendDailyNotifications;
import io.mentorium.application.port.in.SendScheduledReports;
import io.mentorium.application.port.in.SendSubscriptionReminders;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The object graph of {@code mentorium-scheduler}, its own and not the bot's (runners never depend on each other).
 * Configuration, the open databases and the clock come in from outside: {@link SchedulerRuntime} and the
 * {@code trigger} command create and close them, because Dagger has no lifecycle. Quartz itself is not in the graph
 * for the same reason.
 */
@Singleton
@Component(modules = {PersistenceModule.class, SchedulerUseCaseModule.class, ReportsModule.class,
        NotificationsModule.class, TipsModule.class, OpenAiModule.class, DeliveryModule.class})
interface SchedulerComponent {

    PurgeRetainedData purgeRetainedData();

    Optional<SendScheduledReports> sendScheduledReports();

    SendDailyNotifications sendDailyNotifications();

    SendSubscriptionReminders sendSubscriptionReminders();

    JobRunner jobRunner();

    /** Present with a bot token: this process delivers what the jobs queue (and what others left). */
    Optional<SchedulerDelivery> delivery();

    SchedulerMetrics metrics();

    /** The model's client (idle without a key): closed with the process. */
    OpenAiAssistant openAiAssistant();

    @Component.Factory
    interface Factory {
        SchedulerComponent create(@BindsInstance SchedulerConfiguration configuration,
                                  @BindsInstance Databases databases, @BindsInstance Clock clock);
    }
}
