package io.mentorium.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.application.port.out.StorageException;

/**
 * The connection pools: the bot's own database, read-write, and the platform's, read-only; beside the first, one
 * connection of its own for the shared send budget. Callers close them (in reverse order of start) at shutdown.
 */
public final class DatabasePools {

    public static final String BOT_POOL_NAME = "mentorium-bot";
    public static final String PLATFORM_POOL_NAME = "mentorium-platform";
    public static final String SEND_BUDGET_POOL_NAME = "mentorium-bot-send-budget";
    /** The platform is only read, in a few set-based queries per report run: a handful of connections suffices. */
    public static final int DEFAULT_PLATFORM_POOL_SIZE = 4;

    private DatabasePools() {
    }

    /**
     * The bot's read-write pool ({@code DATABASE_POOL_SIZE} connections at most).
     *
     * @throws StorageException when the database cannot be reached
     */
    public static HikariDataSource readWrite(DatabaseSettings settings, int maximumPoolSize) {
        HikariConfig config = base(settings, BOT_POOL_NAME, maximumPoolSize);
        return open(config, settings, "bot");
    }

    /**
     * Two connections to the bot's database for the send budget's draws (ADR 0014). A relay draws its permits at the
     * start of every second and whenever they run low, and while a draw is out a reply that has no permit waits for
     * it. Through the bot's pool that draw queued for a connection behind the chat workers' and the assistant's
     * transactions, for hundreds of milliseconds when those were many (docs/PERFORMANCE.md). A relay has at most two
     * draws out, one for replies and one for the background lanes, so that a reply never waits for the background's
     * draw: two connections of their own, never busy with anything else.
     */
    public static HikariDataSource sendBudget(DatabaseSettings settings) {
        return open(base(settings, SEND_BUDGET_POOL_NAME, 2), settings, "bot");
    }

    /** The platform's read-only pool with {@value #DEFAULT_PLATFORM_POOL_SIZE} connections at most. */
    public static HikariDataSource readOnlyPlatform(DatabaseSettings settings) {
        return readOnlyPlatform(settings, DEFAULT_PLATFORM_POOL_SIZE);
    }

    /**
     * The platform's pool. Every connection is read-only for the server, not just a hint: the driver's
     * {@code readOnlyMode=always} makes PostgreSQL refuse writes even in auto-commit mode, where the default mode
     * would let them through.
     *
     * @throws StorageException when the database cannot be reached
     */
    public static HikariDataSource readOnlyPlatform(DatabaseSettings settings, int maximumPoolSize) {
        HikariConfig config = base(settings, PLATFORM_POOL_NAME, maximumPoolSize);
        config.setReadOnly(true);
        config.addDataSourceProperty("readOnlyMode", "always");
        return open(config, settings, "platform");
    }

    private static HikariConfig base(DatabaseSettings settings, String poolName, int maximumPoolSize) {
        if (maximumPoolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, got " + maximumPoolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.url());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setMinimumIdle(Math.min(2, maximumPoolSize));
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", poolName);
        // Server error details repeat the offending values (e-mails, ids) in exception messages, which end up in logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return config;
    }

    private static HikariDataSource open(HikariConfig config, DatabaseSettings settings, String which) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StorageException("Could not connect to the " + which + " database at " + settings.redactedUrl()
                    + ": " + cause.getMessage(), e);
        }
    }
}
