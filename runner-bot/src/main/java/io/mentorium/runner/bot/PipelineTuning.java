package io.mentorium.runner.bot;

import io.mentorium.application.pipeline.RelaySettings;
import io.mentorium.application.pipeline.WorkerSettings;
import io.mentorium.adapters.openai.ModelReliability;
import io.mentorium.application.assistant.AssistantSettings;
import java.util.Objects;

/**
 * Pacing and retry settings of the pipeline. In production they follow Telegram's limits with the global rate from
 * {@code TELEGRAM_MAX_SENDS_PER_SECOND}; the benchmarks raise them so that the stand-in, not the limiter, is the
 * ceiling.
 */
public record PipelineTuning(RelaySettings relay, WorkerSettings workers, AssistantSettings assistant,
                             ModelReliability model) {

    public PipelineTuning {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(assistant, "assistant");
        Objects.requireNonNull(model, "model");
    }

    public PipelineTuning(RelaySettings relay, WorkerSettings workers) {
        this(relay, workers, AssistantSettings.DEFAULTS, ModelReliability.DEFAULTS);
    }

    public PipelineTuning(RelaySettings relay, WorkerSettings workers, AssistantSettings assistant) {
        this(relay, workers, assistant, ModelReliability.DEFAULTS.withMaxConcurrentCalls(assistant.maxInFlight()));
    }

    /** The assistant's limits, the model's bulkhead following its answers in flight. */
    public PipelineTuning withAssistant(AssistantSettings settings) {
        return new PipelineTuning(relay, workers, settings, model.withMaxConcurrentCalls(settings.maxInFlight()));
    }

    public PipelineTuning withModel(ModelReliability reliability) {
        return new PipelineTuning(relay, workers, assistant, reliability);
    }

    /** Production pacing for the configured {@code TELEGRAM_MAX_SENDS_PER_SECOND}. */
    static PipelineTuning of(BotConfiguration configuration) {
        // A third of the bot's connections for the assistant's database work; the rest stay with the chat workers.
        int permits = Math.max(1, configuration.persistence().poolSize() / 3);
        return telegram(configuration.telegram().maxSendsPerSecond())
                .withAssistant(configuration.assistant().withDatabasePermits(permits));
    }

    static PipelineTuning telegram(int globalPerSecond) {
        return new PipelineTuning(RelaySettings.telegram(globalPerSecond), WorkerSettings.DEFAULTS);
    }
}
