package io.mentorium.runner.bot;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import io.mentorium.adapters.openai.OpenAiAssistant;
import io.mentorium.adapters.payments.click.ClickShopApi;
import io.mentorium.adapters.payments.payme.PaymeMerchantApi;
import io.mentorium.adapters.openai.OpenAiModule;
import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.PersistenceModule;
import io.mentorium.adapters.telegram.TelegramApi;
import io.mentorium.adapters.telegram.TelegramCommandPublisher;
import io.mentorium.adapters.telegram.TelegramModule;
import io.mentorium.adapters.telegram.TelegramPolling;
import io.mentorium.adapters.telegram.TelegramSettings;
import io.mentorium.application.assistant.AssistantDesk;
import io.mentorium.application.pipeline.OutboxRelay;
import io.mentorium.application.pipeline.UpdatePipeline;
import io.mentorium.application.port.in.AnswerDirectly;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.LinkLearner;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.BroadcastAnnouncement;
import io.mentorium.application.port.in.ManageStaff;
import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.service.RetentionHandover;
import io.mentorium.application.port.in.RegisterParent;
import io.mentorium.application.port.in.UnlinkLearner;
import io.mentorium.application.port.out.InstanceLock;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.runner.bot.metrics.MetricsRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The object graph of {@code mentorium-bot}. Configuration, the open databases, the clock and the pipeline's pacing
 * come in from outside: they are created (and closed) by {@link BotRuntime}, because Dagger has no lifecycle. Nothing
 * in the graph talks to Telegram until asked for: the console never asks.
 */
@Singleton
@Component(modules = {PersistenceModule.class, UseCaseModule.class, PipelineModule.class, TelegramModule.class,
        AssistantModule.class, OpenAiModule.class, BillingModule.class, PaymentsModule.class, AdminModule.class, RightsModule.class,
        BotComponent.SettingsModule.class})
interface BotComponent {

    RegisterParent registerParent();

    LinkLearner linkLearner();

    ListChildren listChildren();

    UnlinkLearner unlinkLearner();

    BuildReport buildReport();

    AnswerDirectly answerDirectly();

    PurgeRetainedData purgeRetainedData();

    RetentionHandover retentionHandover();

    ManageStaff manageStaff();

    BroadcastAnnouncement broadcastAnnouncement();

    UpdatePipeline updatePipeline();

    OutboxRelay outboxRelay();

    AssistantDesk assistantDesk();

    OpenAiAssistant openAiAssistant();

    Optional<PaymeMerchantApi> payme();

    Optional<ClickShopApi> click();

    Outbox outbox();

    Messenger messenger();

    TelegramPolling telegramPolling();

    TelegramCommandPublisher commandPublisher();

    TelegramApi telegramApi();

    InstanceLock instanceLock();

    MetricsRegistry metricsRegistry();

    /** Built at start so that its levels, uptime and error counts are on /metrics before the first payment. */
    io.mentorium.runner.bot.metrics.PrometheusOperationsMetrics operationsMetrics();

    @Component.Factory
    interface Factory {
        BotComponent create(@BindsInstance BotConfiguration configuration, @BindsInstance Databases databases,
                            @BindsInstance Clock clock, @BindsInstance PipelineTuning tuning);
    }

    @Module
    final class SettingsModule {

        private SettingsModule() {
        }

        @Provides
        static TelegramSettings telegramSettings(BotConfiguration configuration) {
            return configuration.telegram();
        }
    }
}
