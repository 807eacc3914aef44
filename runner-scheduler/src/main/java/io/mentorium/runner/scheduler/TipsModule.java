package io.mentorium.runner.scheduler;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import io.mentorium.adapters.openai.ModelReliability;
import io.mentorium.adapters.openai.OpenAiSettings;
import io.mentorium.adapters.openai.OpenAiTipWriter;
import io.mentorium.application.conversation.Messages;
import io.mentorium.application.conversation.NotificationText;
import io.mentorium.application.notifications.RuleBasedTipWriter;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.application.port.out.TipWriter;
import jakarta.inject.Singleton;

/**
 * Who writes the weekly tip: the model when {@code OPENAI_API_KEY} is set — through the assistant's adapter, its
 * reliability shell sized to {@code AI_MAX_CONCURRENT_TIPS} — and the rules otherwise.
 */
@Module
final class TipsModule {

    private TipsModule() {
    }

    @Provides
    static OpenAiSettings openAiSettings(SchedulerConfiguration configuration) {
        return configuration.openAi();
    }

    @Provides
    static ModelReliability modelReliability(SchedulerConfiguration configuration) {
        return ModelReliability.DEFAULTS.withMaxConcurrentCalls(configuration.tipConcurrency());
    }

    @Provides
    @Singleton
    static AssistantMetrics assistantMetrics(SchedulerMetrics metrics) {
        return new SchedulerModelMetrics(metrics);
    }

    @Provides
    static TipWriter tipWriter(SchedulerConfiguration configuration, Lazy<OpenAiTipWriter> model) {
        return configuration.openAi().offline() ? new RuleBasedTipWriter(new NotificationText(new Messages()))
                : model.get();
    }
}
