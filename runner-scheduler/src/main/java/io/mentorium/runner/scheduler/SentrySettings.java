package io.mentorium.runner.scheduler;

import io.mentorium.application.config.Environment;
import java.util.Optional;

/**
 * Where the scheduler reports errors: {@code SENTRY_DSN}, {@code SENTRY_ENVIRONMENT} (default {@code production}),
 * {@code SENTRY_RELEASE} (default {@code mentorium@<the jar's version>}), as the bot reads them.
 */
record SentrySettings(String dsn, String environment, String release) {

    static Optional<SentrySettings> from(Environment env) {
        Optional<String> dsn = env.optional("SENTRY_DSN");
        dsn.filter(value -> !value.matches("https?://[^@/\\s]+@[^/\\s]+/\\S+"))
                .ifPresent(value -> env.problem("SENTRY_DSN",
                        "must be a DSN URL such as https://<key>@<host>/<project>"));
        String environment = env.string("SENTRY_ENVIRONMENT", "production");
        String version = SentrySettings.class.getPackage().getImplementationVersion();
        String release = env.string("SENTRY_RELEASE", "mentorium@" + (version == null ? "dev" : version));
        return dsn.map(value -> new SentrySettings(value, environment, release));
    }

    @Override
    public String toString() {
        // The DSN holds the project's key: never printed.
        return "sentry (environment " + environment + ", release " + release + ")";
    }
}
