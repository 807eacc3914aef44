package io.mentorium.runner.bot;

import io.mentorium.application.config.Environment;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Log format and level, and where errors are reported. Format and level are applied through system properties read
 * by logback.xml, so they must be settled before the first logger is created.
 *
 * @param sentry present when {@code SENTRY_DSN} is set
 */
record LoggingSettings(String format, String level, Optional<Sentry> sentry) {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /**
     * @param environment {@code SENTRY_ENVIRONMENT}, default {@code production}
     * @param release     {@code SENTRY_RELEASE}, default {@code mentorium@<the jar's version>}
     */
    record Sentry(String dsn, String environment, String release) {

        @Override
        public String toString() {
            // The DSN holds the project's key: never printed.
            return "sentry (environment " + environment + ", release " + release + ")";
        }
    }

    LoggingSettings(String format, String level) {
        this(format, level, Optional.empty());
    }

    static LoggingSettings from(Environment env, String defaultFormat) {
        String format = env.string("LOG_FORMAT", defaultFormat).toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("text")) {
            env.problem("LOG_FORMAT", "must be json or text, got '" + format + "'");
            format = defaultFormat;
        }
        // The console's conversation shares the terminal with the log (on stderr): only warnings by default there.
        String defaultLevel = defaultFormat.equals("text") ? "WARN" : "INFO";
        String level = env.string("LOG_LEVEL", defaultLevel).toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            env.problem("LOG_LEVEL", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, got '" + level + "'");
            level = defaultLevel;
        }
        Optional<String> dsn = env.optional("SENTRY_DSN");
        dsn.filter(value -> !value.matches("https?://[^@/\\s]+@[^/\\s]+/\\S+"))
                .ifPresent(value -> env.problem("SENTRY_DSN",
                        "must be a DSN URL such as https://<key>@<host>/<project>"));
        String environment = env.string("SENTRY_ENVIRONMENT", "production");
        String release = env.string("SENTRY_RELEASE", defaultRelease());
        return new LoggingSettings(format, level, dsn.map(value -> new Sentry(value, environment, release)));
    }

    static String defaultRelease() {
        String version = LoggingSettings.class.getPackage().getImplementationVersion();
        return "mentorium@" + (version == null ? "dev" : version);
    }

    /** Applies format and level; with a DSN also adds the Sentry appender (see {@link ErrorReporting}). */
    void apply() {
        System.setProperty("mentorium.log.format", format);
        System.setProperty("mentorium.log.level", level);
        sentry.ifPresent(settings -> ErrorReporting.install(settings, "mentorium-bot"));
    }

    /** Sends what error reporting still holds; nothing to do without it. */
    void close() {
        if (sentry.isPresent()) {
            ErrorReporting.close();
        }
    }
}
