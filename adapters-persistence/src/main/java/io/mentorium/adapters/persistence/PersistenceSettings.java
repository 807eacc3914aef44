package io.mentorium.adapters.persistence;

import io.mentorium.adapters.persistence.platform.PlatformSchema;
import io.mentorium.application.config.Environment;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The databases, as configured (contract §2).
 *
 * @param bot      the bot's read-write database; empty means the embedded PostgreSQL under {@code dataDir}
 * @param platform the platform database; empty means the bot's database (and demo data when that is embedded)
 */
public record PersistenceSettings(Optional<DatabaseSettings> bot, int poolSize, Optional<DatabaseSettings> platform,
                                  PlatformSchema platformSchema, Path dataDir) {

    public PersistenceSettings {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(platformSchema, "platformSchema");
        Objects.requireNonNull(dataDir, "dataDir");
    }

    public static PersistenceSettings from(Environment env) {
        Optional<String> botUser = env.optional("DATABASE_USER");
        Optional<String> botPassword = env.secret("DATABASE_PASSWORD");
        Optional<DatabaseSettings> bot = database(env, "DATABASE_URL", botUser, botPassword);
        if (bot.isEmpty() && (botUser.isPresent() || botPassword.isPresent())) {
            env.problem("DATABASE_URL", "is not set, but DATABASE_USER/DATABASE_PASSWORD are: set the URL too, or "
                    + "unset them to use the embedded database");
        }
        int poolSize = env.integer("DATABASE_POOL_SIZE", 10, 1, 200);
        Optional<DatabaseSettings> platform = database(env, "PLATFORM_DATABASE_URL",
                env.optional("PLATFORM_DATABASE_USER").or(() -> botUser),
                env.secret("PLATFORM_DATABASE_PASSWORD").or(() -> botPassword));
        PlatformSchema schema = env.parsed("PLATFORM_SCHEMA", PlatformSchema.DEFAULT, PlatformSchema::new,
                "a lower-case SQL identifier such as platform");
        Path dataDir = env.parsed("MENTORIUM_DATA_DIR", Path.of("data"), Path::of, "a directory path");
        return new PersistenceSettings(bot, poolSize, platform, schema, dataDir);
    }

    private static Optional<DatabaseSettings> database(Environment env, String urlVariable, Optional<String> user,
                                                       Optional<String> password) {
        Optional<String> url = env.optional(urlVariable);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DatabaseSettings(url.get(), user, password));
        } catch (IllegalArgumentException invalid) {
            env.problem(urlVariable, "must be a JDBC URL starting with jdbc:postgresql:// (for example "
                    + "jdbc:postgresql://localhost:5432/mentorium)");
            return Optional.empty();
        }
    }

    public boolean embedded() {
        return bot.isEmpty();
    }
}
