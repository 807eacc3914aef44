package io.mentorium.runner.scheduler;

import io.mentorium.adapters.openai.OpenAiSettings;
import io.mentorium.adapters.persistence.PersistenceSettings;
import io.mentorium.adapters.telegram.TelegramSettings;
import io.mentorium.application.config.ConfigProblem;
import io.mentorium.application.billing.BillingSettings;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import io.mentorium.application.config.RetentionSettings;
import io.mentorium.application.pipeline.RelaySettings;
import java.util.List;

/**
 * Everything {@code mentorium-scheduler} reads from its environment, validated in one go so that {@code check-config}
 * and a failed start list every problem at once.
 *
 * @param httpPort {@code SCHEDULER_HTTP_PORT}: its own port, so a scheduler can run on the bot's host next to the bot's
 *                 {@code HTTP_PORT}; 0 picks a free one, printed at start
 * @param sentry   present when {@code SENTRY_DSN} is set: errors go to Sentry, scrubbed
 * @param openAi   with a key, the weekly tip is written by the model (the rule-based tip wherever it gives none)
 * @param tipConcurrency {@code AI_MAX_CONCURRENT_TIPS}: tips the model is asked for at once by one scheduler
 */
record SchedulerConfiguration(CoreSettings core, PersistenceSettings persistence, TelegramSettings telegram,
                              ScheduleSettings schedule, RetentionSettings retention, BillingSettings billing,
                              String httpBind, int httpPort, java.util.Optional<SentrySettings> sentry,
                              OpenAiSettings openAi, int tipConcurrency) {

    static final int DEFAULT_HTTP_PORT = 8081;
    /**
     * Eight tips in flight take a model of a few seconds per answer through a week's tips for 60,000 parents in well
     * under a day's run, and stay far below the request rates of an ordinary API account.
     */
    static final int DEFAULT_TIP_CONCURRENCY = 8;

    sealed interface Loaded {
        record Valid(SchedulerConfiguration configuration) implements Loaded {
        }

        record Invalid(List<ConfigProblem> problems) implements Loaded {
            String describe() {
                StringBuilder text = new StringBuilder("the configuration has " + problems.size() + " problem(s):");
                problems.forEach(problem -> text.append(System.lineSeparator()).append("  ")
                        .append(problem.variable()).append(": ").append(problem.message()));
                return text.toString();
            }
        }
    }

    static Loaded load(Environment env) {
        CoreSettings core = CoreSettings.from(env);
        PersistenceSettings persistence = PersistenceSettings.from(env);
        // Validated although the jobs send nothing themselves yet: the bot's relay delivers what they queue, and the
        // report jobs will need the bot's identity; a broken token should fail here, not on Sunday evening.
        TelegramSettings telegram = TelegramSettings.from(env, true);
        ScheduleSettings schedule = ScheduleSettings.from(env);
        RetentionSettings retention = RetentionSettings.from(env);
        // Scheduled reports are a paid feature: the same access decision as the bot's, trial included.
        BillingSettings billing = BillingSettings.from(env);
        int port = env.integer("SCHEDULER_HTTP_PORT", DEFAULT_HTTP_PORT, 0, 65535);
        String bind = env.parsed("HTTP_BIND", "0.0.0.0", value -> {
            try {
                java.net.InetAddress.getByName(value);
                return value;
            } catch (java.net.UnknownHostException unknown) {
                throw new IllegalArgumentException("cannot be resolved");
            }
        }, "an address to bind such as 0.0.0.0 or 127.0.0.1");
        java.util.Optional<SentrySettings> sentry = SentrySettings.from(env);
        OpenAiSettings openAi = OpenAiSettings.from(env);
        int tipConcurrency = env.integer("AI_MAX_CONCURRENT_TIPS", DEFAULT_TIP_CONCURRENCY, 1, 256);
        if (!env.valid()) {
            return new Loaded.Invalid(env.problems());
        }
        return new Loaded.Valid(new SchedulerConfiguration(core, persistence, telegram, schedule, retention, billing,
                bind, port, sentry, openAi, tipConcurrency));
    }

    /** The relay's pace: the same limits as the bot's, over all processes together (the budget is shared). */
    RelaySettings relay() {
        return RelaySettings.telegram(telegram.maxSendsPerSecond());
    }
}
