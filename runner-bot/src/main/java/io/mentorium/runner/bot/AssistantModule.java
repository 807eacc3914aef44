package io.mentorium.runner.bot;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import io.mentorium.adapters.openai.ModelReliability;
import io.mentorium.adapters.openai.OpenAiSettings;
import io.mentorium.application.assistant.AskAssistantService;
import io.mentorium.application.assistant.AssistantDesk;
import io.mentorium.application.assistant.AssistantSettings;
import io.mentorium.application.assistant.AssistantTools;
import io.mentorium.application.assistant.OfflineAssistant;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.pipeline.PlatformReadScope;
import io.mentorium.application.port.in.AskAssistant;
import io.mentorium.application.port.in.BuildReport;
import io.mentorium.application.port.in.ChangeSettings;
import io.mentorium.application.port.in.ListChildren;
import io.mentorium.application.port.in.ViewParent;
import io.mentorium.application.port.out.ActivitySource;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.application.port.out.AssistantQuestions;
import io.mentorium.application.port.out.DialogRepository;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.FeatureAccess;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.application.port.out.SubscriptionRepository;
import io.mentorium.application.port.out.TokenCounter;
import io.mentorium.application.port.out.TransactionRunner;
import io.mentorium.runner.bot.metrics.MetricsRegistry;
import io.mentorium.runner.bot.metrics.PrometheusAssistantMetrics;
import java.time.Clock;
import jakarta.inject.Singleton;

/**
 * The assistant: questions recorded by the conversation, answered by the desk with the model (or offline) and the
 * tools bound to the asking parent. Access goes through one {@link FeatureAccess} binding, which
 * {@link BillingModule} provides.
 */
@Module
final class AssistantModule {

    private AssistantModule() {
    }

    @Provides
    static OpenAiSettings openAiSettings(BotConfiguration configuration) {
        return configuration.openAi();
    }

    @Provides
    static AssistantSettings assistantSettings(PipelineTuning tuning) {
        return tuning.assistant();
    }

    @Provides
    static ModelReliability modelReliability(PipelineTuning tuning) {
        return tuning.model();
    }

    @Provides
    @Singleton
    static AssistantMetrics assistantMetrics(MetricsRegistry registry) {
        return new PrometheusAssistantMetrics(registry);
    }

    @Provides
    @Reusable
    static AskAssistant askAssistant(AssistantQuestions questions, DialogRepository dialogs, FeatureAccess access,
                                     AssistantSettings settings, EventLog events, Clock clock) {
        return new AskAssistantService(questions, dialogs, access, settings, events, clock);
    }

    @Provides
    @Singleton
    static AssistantTools assistantTools(ListChildren children, BuildReport reports, ActivitySource activities,
                                         ChangeSettings settings, ViewParent parents, FeatureAccess access,
                                         SubscriptionRepository subscriptions, Clock clock, CoreSettings core) {
        return new AssistantTools(children, reports, PlatformReadScope.deferred(activities), settings, parents,
                access, subscriptions, clock, core);
    }

    @Provides
    @Singleton
    static AssistantDesk assistantDesk(AssistantQuestions questions, DialogRepository dialogs, ViewParent parents,
                                       ListChildren children, AiAssistant model, AssistantTools tools,
                                       TokenCounter tokens, Outbox outbox, TransactionRunner transactions,
                                       AssistantMetrics metrics, Clock clock, CoreSettings core,
                                       AssistantSettings settings) {
        return new AssistantDesk(questions, dialogs, parents, children, model, new OfflineAssistant(), tools::forParent,
                tokens, outbox, transactions, metrics, clock, core.botTimeZone(), settings);
    }
}
