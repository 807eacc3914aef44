package io.mentorium.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import io.mentorium.adapters.persistence.demo.DemoPlatformData;
import io.mentorium.adapters.persistence.demo.DemoRefusedException;
import io.mentorium.adapters.persistence.embedded.EmbeddedPostgres;
import io.mentorium.adapters.persistence.platform.PlatformSchema;
import io.mentorium.application.port.out.StorageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open databases of one process: the embedded server when no URL is configured, the bot's read-write pool and the
 * platform's read-only pool. Opening connects, nothing more; schema changes and demo data happen only in
 * {@link #migrate}, which a runner calls explicitly. Closing releases everything in reverse order of opening.
 */
public final class Databases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

    private final PersistenceSettings settings;
    private final Optional<EmbeddedPostgres> embedded;
    private final DatabaseSettings botDatabase;
    private final DatabaseSettings platformDatabase;
    private final HikariDataSource botPool;
    private final HikariDataSource platformPool;
    private final HikariDataSource sendBudgetPool;
    private final Jdbi botJdbi;
    private final Jdbi sendBudgetJdbi;
    private final Jdbi platformJdbi;
    private final boolean demoPlatform;

    private Databases(PersistenceSettings settings, Optional<EmbeddedPostgres> embedded, DatabaseSettings botDatabase,
                      DatabaseSettings platformDatabase, HikariDataSource botPool, HikariDataSource platformPool,
                      HikariDataSource sendBudgetPool, boolean demoPlatform) {
        this.settings = settings;
        this.embedded = embedded;
        this.botDatabase = botDatabase;
        this.platformDatabase = platformDatabase;
        this.botPool = botPool;
        this.platformPool = platformPool;
        this.sendBudgetPool = sendBudgetPool;
        this.botJdbi = JdbiFactory.create(botPool);
        this.sendBudgetJdbi = JdbiFactory.create(sendBudgetPool);
        this.platformJdbi = JdbiFactory.create(platformPool);
        this.demoPlatform = demoPlatform;
    }

    /**
     * Demo data is written only where this process may overwrite it: the embedded server it started itself (not one it
     * joined: that one's owner loaded the demo, and may be serving it right now), or, with {@code demo}, a schema in
     * the bot's own {@code DATABASE_URL} that the demo installer created (see {@link DemoPlatformData#install}). Never
     * into a database named by {@code PLATFORM_DATABASE_URL}: that is the platform's, and the bot only reads it.
     *
     * @param demo load the demo platform data into the bot's configured database (the {@code --demo} option); with the
     *             embedded default and no platform URL it is loaded anyway
     * @throws DemoRefusedException when {@code demo} is asked for while a platform database URL is configured
     */
    public static Databases open(PersistenceSettings settings, boolean demo) {
        if (demo && settings.platform().isPresent()) {
            throw new DemoRefusedException(DEMO_WITH_PLATFORM_URL);
        }
        Optional<EmbeddedPostgres> embedded = Optional.empty();
        HikariDataSource botPool = null;
        HikariDataSource platformPool = null;
        try {
            DatabaseSettings bot;
            if (settings.embedded()) {
                EmbeddedPostgres server = EmbeddedPostgres.startOrJoin(settings.dataDir());
                embedded = Optional.of(server);
                bot = DatabaseSettings.of(server.jdbcUrl(), server.user(), server.password());
                LOG.info("Using the embedded PostgreSQL on port {} under {} ({})", server.port(),
                        settings.dataDir().toAbsolutePath(), server.owner() ? "started here" : "joined a running one");
            } else {
                bot = settings.bot().orElseThrow();
            }
            DatabaseSettings platform = settings.platform().orElse(bot);
            botPool = DatabasePools.readWrite(bot, settings.poolSize());
            platformPool = DatabasePools.readOnlyPlatform(platform);
            HikariDataSource sendBudgetPool = DatabasePools.sendBudget(bot);
            boolean demoPlatform = settings.platform().isEmpty()
                    && (settings.embedded() ? embedded.orElseThrow().owner() : demo);
            if (settings.embedded() && settings.platform().isEmpty() && !demoPlatform) {
                LOG.info("Demo platform data left to the process that started the embedded PostgreSQL");
            }
            return new Databases(settings, embedded, bot, platform, botPool, platformPool, sendBudgetPool,
                    demoPlatform);
        } catch (RuntimeException failure) {
            if (platformPool != null) {
                platformPool.close();
            }
            if (botPool != null) {
                botPool.close();
            }
            embedded.ifPresent(EmbeddedPostgres::close);
            throw failure;
        }
    }

    /** What {@link #migrate} did. */
    public record MigrationResult(List<String> appliedChangeSets, boolean demoDataLoaded) {
    }

    /**
     * Applies the bot's changelog and, where the demo platform is in use, (re)loads the demo platform data so that
     * its eight weeks of activity end now.
     */
    public MigrationResult migrate(Clock clock) {
        List<String> pending = Migrations.pendingChangeSets(botPool);
        Migrations.apply(botPool);
        if (demoPlatform) {
            loadDemoPlatform(clock);
        }
        return new MigrationResult(pending, demoPlatform);
    }

    private void loadDemoPlatform(Clock clock) {
        // open() allows the demo only without a platform URL, so the platform is the bot's own database here; the
        // check stays because writing through the bot's pool into anyone else's database must stay impossible.
        if (!platformDatabase.equals(botDatabase)) {
            throw new DemoRefusedException(DEMO_WITH_PLATFORM_URL);
        }
        DemoPlatformData.install(botPool, settings.platformSchema().name(), DemoPlatformData.DEFAULT_SEED,
                clock.instant());
    }

    public static final String DEMO_WITH_PLATFORM_URL = "--demo is refused because PLATFORM_DATABASE_URL is set: demo data is "
            + "never written into the platform's database, which the bot only reads. Drop --demo, or unset "
            + "PLATFORM_DATABASE_URL to put the demo platform into PLATFORM_SCHEMA of DATABASE_URL (or of the embedded "
            + "database).";

    /** The platform database's pool, read-only for the server whatever is sent through it. */
    DataSource platformDataSource() {
        return platformPool;
    }

    /**
     * The bot database's read-write pool, for a library that runs its own SQL on it (the scheduler's Quartz job
     * store), so that it shares the pool's size and credentials instead of opening a pool of its own. Not closed by
     * the caller: {@link #close} does.
     */
    public DataSource botDataSource() {
        return botPool;
    }

    /**
     * Has HikariCP report every pool's borrows and connections to {@code factory} (once per process: HikariCP takes a
     * tracker factory once per running pool).
     */
    public void trackPools(MetricsTrackerFactory factory) {
        Objects.requireNonNull(factory, "factory");
        for (HikariDataSource pool : List.of(botPool, platformPool, sendBudgetPool)) {
            pool.setMetricsTrackerFactory(factory);
        }
    }

    public Jdbi botJdbi() {
        return botJdbi;
    }

    /** The bot's database over its one connection for the send budget (see {@link DatabasePools#sendBudget}). */
    public Jdbi sendBudgetJdbi() {
        return sendBudgetJdbi;
    }

    public Jdbi platformJdbi() {
        return platformJdbi;
    }

    public PlatformSchema platformSchema() {
        return settings.platformSchema();
    }

    /** Where the bot's database is, for connections of its own outside the pool (the instance lock). */
    DatabaseSettings botDatabase() {
        return botDatabase;
    }

    /**
     * Whether a database answered {@code SELECT 1}, for a readiness check.
     *
     * @param database {@code bot} or {@code platform}
     * @param problem  empty when it answered; otherwise a short reason (an SQLState and the driver's first line, never
     *                 a URL, a password or a stack trace)
     */
    public record Reachability(String database, Optional<String> problem) {

        public Reachability {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(problem, "problem");
        }

        public boolean up() {
            return problem.isEmpty();
        }
    }

    /**
     * Runs {@code SELECT 1} on the bot's and the platform's pool at the same time and reports each; a pool that has not
     * answered within {@code timeout} counts as down. Never throws.
     */
    public List<Reachability> checkReachable(Duration timeout) {
        CompletableFuture<Reachability> bot = probe("bot", botPool, timeout);
        CompletableFuture<Reachability> platform = probe("platform", platformPool, timeout);
        return List.of(bot.join(), platform.join());
    }

    /**
     * On a virtual thread of its own, because a pool that cannot connect blocks in {@code getConnection} for its whole
     * connection timeout (10 s): the answer comes after {@code timeout} at the latest, while the probe finishes in
     * the background.
     */
    static CompletableFuture<Reachability> probe(String database, DataSource pool, Duration timeout) {
        CompletableFuture<Reachability> result = new CompletableFuture<>();
        Thread.ofVirtual().name("database-check-" + database).start(() -> result.complete(selectOne(database, pool,
                timeout)));
        return result.completeOnTimeout(new Reachability(database,
                        Optional.of("no answer within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Reachability selectOne(String database, DataSource pool, Duration timeout) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (ResultSet result = statement.executeQuery("SELECT 1")) {
                result.next();
            }
            return new Reachability(database, Optional.empty());
        } catch (SQLException e) {
            return new Reachability(database, Optional.of(shortReason(e)));
        } catch (RuntimeException e) {
            return new Reachability(database, Optional.of(e.getClass().getSimpleName()));
        }
    }

    private static String shortReason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                .orElse("").strip();
        if (message.length() > 160) {
            message = message.substring(0, 160) + "…";
        }
        return e.getSQLState() == null ? message : message + " (SQLState " + e.getSQLState() + ")";
    }

    /** The bot database's URL without credentials or query string, for messages. */
    public String describeBotDatabase() {
        return botDatabase.redactedUrl();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable resource : List.<AutoCloseable>of(sendBudgetPool, platformPool, botPool)) {
            try {
                resource.close();
            } catch (Exception failure) {
                first = first == null ? new StorageException("closing a database pool failed", failure) : first;
            }
        }
        embedded.ifPresent(EmbeddedPostgres::close);
        if (first != null) {
            throw first;
        }
    }
}
