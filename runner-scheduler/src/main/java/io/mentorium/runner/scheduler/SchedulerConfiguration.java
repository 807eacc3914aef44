package io.mentorium.runner.scheduler;

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
 */
record SchedulerConfiguration(CoreSettings core, PersistenceSettings persistence, TelegramSettings telegram,
                              ScheduleSettings schedule, RetentionSettings retention, BillingSettings billing,
                              String httpBind, int httpPort, java.util.Optional<SentrySettings> sentry) {

    static final int DEFAULT_HTTP_PORT = 8081;

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
        if (!env.valid()) {
            return new Loaded.Invalid(env.problems());
        }
        return new Loaded.Valid(new SchedulerConfiguration(core, persistence, telegram, schedule, retention, billing,
                bind, port, sentry));
    }

    /** The relay's pace: the same limits as the bot's, over all processes together (the budget is shared). */
    RelaySettings relay() {
        return RelaySettings.telegram(telegram.maxSendsPerSecond());
    }
}
