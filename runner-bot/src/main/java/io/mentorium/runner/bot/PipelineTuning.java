package io.mentorium.runner.bot;

import io.mentorium.application.pipeline.RelaySettings;
import io.mentorium.application.pipeline.WorkerSettings;
import java.util.Objects;

/**
 * Pacing and retry settings of the pipeline. In production they follow Telegram's limits with the global rate from
 * {@code TELEGRAM_MAX_SENDS_PER_SECOND}; the benchmarks raise them so that the stand-in, not the limiter, is the
 * ceiling.
 */
public record PipelineTuning(RelaySettings relay, WorkerSettings workers) {

    public PipelineTuning {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(workers, "workers");
    }

    /** Production pacing for the configured {@code TELEGRAM_MAX_SENDS_PER_SECOND}. */
    static PipelineTuning of(BotConfiguration configuration) {
        return telegram(configuration.telegram().maxSendsPerSecond());
    }

    static PipelineTuning telegram(int globalPerSecond) {
        return new PipelineTuning(RelaySettings.telegram(globalPerSecond), WorkerSettings.DEFAULTS);
    }
}
