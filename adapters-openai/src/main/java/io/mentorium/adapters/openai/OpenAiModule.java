package io.mentorium.adapters.openai;

import dagger.Module;
import dagger.Provides;
import io.mentorium.application.port.out.AiAssistant;
import io.mentorium.application.port.out.AssistantMetrics;
import io.mentorium.application.port.out.TokenCounter;
import jakarta.inject.Singleton;

/**
 * Binds the assistant, the token counter and the model-written weekly tip from {@link OpenAiSettings}. Without an API key the assistant is still
 * bound: it reports itself unavailable and the application answers offline. Dagger has no lifecycle, so the runner
 * closes the {@link OpenAiAssistant} (its HTTP client) at shutdown.
 */
@Module
public final class OpenAiModule {

    private OpenAiModule() {
    }

    @Provides
    @Singleton
    static JtokkitTokenCounter jtokkitTokenCounter() {
        return new JtokkitTokenCounter();
    }

    @Provides
    static TokenCounter tokenCounter(JtokkitTokenCounter counter) {
        return counter;
    }

    @Provides
    @Singleton
    static OpenAiAssistant openAiAssistant(OpenAiSettings settings, ModelReliability reliability,
                                           JtokkitTokenCounter counter, AssistantMetrics metrics) {
        return new OpenAiAssistant(settings, reliability, counter, metrics);
    }

    @Provides
    static AiAssistant aiAssistant(OpenAiAssistant assistant) {
        return assistant;
    }

    /** The weekly tip through the same assistant, its shell and its metrics. */
    @Provides
    static OpenAiTipWriter openAiTipWriter(OpenAiAssistant assistant) {
        return new OpenAiTipWriter(assistant);
    }
}
