package io.mentorium.runner.bot;

import io.mentorium.adapters.openai.OpenAiSettings;
import io.mentorium.adapters.payments.PaymentSettings;
import io.mentorium.adapters.persistence.PersistenceSettings;
import io.mentorium.adapters.telegram.TelegramSettings;
import io.mentorium.application.assistant.AssistantSettings;
import io.mentorium.application.billing.BillingSettings;
import io.mentorium.application.config.ConfigProblem;
import io.mentorium.application.config.CoreSettings;
import io.mentorium.application.config.Environment;
import io.mentorium.application.config.RetentionSettings;
import io.mentorium.application.pipeline.LearnerCache;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code mentorium-bot} reads from the environment, parsed and validated before the object graph exists.
 */
record BotConfiguration(CoreSettings core, PersistenceSettings persistence, TelegramSettings telegram,
                        OpenAiSettings openAi, PaymentSettings payments, HttpSettings http, LoggingSettings logging,
                        RetentionSettings retention, AssistantSettings assistant,
                        BillingSettings billing, Duration learnerCacheTtl) {

    /** The configuration, or every problem with it. */
    sealed interface Loaded {

        record Valid(BotConfiguration configuration) implements Loaded {
        }

        record Invalid(List<ConfigProblem> problems) implements Loaded {

            /** Every problem on a line of its own, under a heading that counts them; never a secret's value. */
            String describe() {
                StringBuilder text = new StringBuilder("the configuration has " + problems.size() + " problem(s):");
                problems.forEach(problem -> text.append("\n  ").append(problem.variable()).append(": ")
                        .append(problem.message()));
                return text.toString();
            }
        }
    }

    /**
     * @param tokenRequired {@code run} needs a Telegram token; {@code console} and {@code migrate} do not
     * @param defaultLogFormat {@code json} for services, {@code text} for the console
     */
    static Loaded load(Environment env, boolean tokenRequired, String defaultLogFormat) {
        LoggingSettings logging = LoggingSettings.from(env, defaultLogFormat);
        CoreSettings core = CoreSettings.from(env);
        PersistenceSettings persistence = PersistenceSettings.from(env);
        TelegramSettings telegram = TelegramSettings.from(env, tokenRequired);
        OpenAiSettings openAi = OpenAiSettings.from(env);
        PaymentSettings payments = PaymentSettings.from(env);
        HttpSettings http = HttpSettings.from(env);
        RetentionSettings retention = RetentionSettings.from(env);
        AssistantSettings assistant = AssistantSettings.from(env);
        BillingSettings billing = BillingSettings.from(env);
        Duration learnerCacheTtl = LearnerCache.ttlFrom(env);
        if (!env.valid()) {
            return new Loaded.Invalid(env.problems());
        }
        return new Loaded.Valid(new BotConfiguration(core, persistence, telegram, openAi, payments, http, logging,
                retention, assistant, billing, learnerCacheTtl));
    }

    /** A summary for operators: what is configured, never a secret. */
    List<String> describe() {
        return List.of(
                "bot database:      " + persistence.bot().map(Object::toString).orElse("embedded PostgreSQL under " + persistence.dataDir().toAbsolutePath()),
                "platform database: " + persistence.platform().map(Object::toString).orElse(persistence.embedded() ? "embedded, demo data" : "same as the bot database")
                        + ", schema " + persistence.platformSchema() + ", read-only, learners served again for "
                        + learnerCacheTtl.toSeconds() + " s",
                "telegram:          " + telegram,
                "assistant:         " + openAi + ", " + assistant.questionsPerHour() + " questions/hour per parent, "
                        + assistant.maxInFlight() + " answers at once",
                "payments:          stars=" + payments.starsEnabled() + ", payme=" + payments.payme().isPresent() + ", click=" + payments.click().isPresent()
                        + ", free trial " + billing.trialDays() + " days per family",
                "http:              " + http.bind() + ":" + http.port(),
                "time zone:         " + core.botTimeZone() + ", default language " + core.defaultLanguage().code()
                        + ", grace " + core.gracePeriodDays() + " days, admins " + core.adminIds().size(),
                "logging:           " + logging.format() + " at " + logging.level() + ", errors to "
                        + logging.sentry().map(Object::toString).orElse("no error reporting"),
                "retention:         handled updates " + retention.inboxWindow().toHours() + " h, sent messages "
                        + retention.outboxWindow().toDays() + " days, dialog " + retention.dialogWindow().toDays()
                        + " days, closed questions " + retention.questionsWindow().toDays()
                        + " days, expired conversations at once");
    }
}
