package io.mentorium.runner.bot;

import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.PrometheusPoolMetrics;
import io.mentorium.adapters.persistence.demo.DemoRefusedException;
import io.mentorium.adapters.telegram.TelegramPolling;
import io.mentorium.application.config.Environment;
import io.mentorium.application.assistant.AssistantDesk;
import io.mentorium.application.pipeline.OutboxRelay;
import io.mentorium.application.pipeline.UpdatePipeline;
import io.mentorium.application.port.out.InstanceLock;
import io.mentorium.runner.bot.http.OperationsServer;
import io.mentorium.runner.bot.http.ReadinessCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mentorium-bot run} as an object: starts everything in order and stops it in reverse, because Dagger has no
 * lifecycle. Start: databases, migrations, the object graph, the single-instance lock, HTTP, the pipeline (which resumes
 * the previous run's unfinished updates and messages), the retention timer, polling, then the command menu on a thread
 * of its own. Stop: polling first, then the retention timer, then the in-flight updates are finished and the outbox
 * flushed, then HTTP, Telegram's connection, the lock and the pools.
 */
public final class BotRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BotRuntime.class);
    private static final Duration READINESS_PROBE_TIMEOUT = Duration.ofSeconds(2);

    /** Why the bot could not start, with the process exit code the contract gives it. */
    public static final class StartFailure extends Exception {

        private final int exitCode;

        StartFailure(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Databases databases;
    private final BotComponent graph;
    private final OperationsServer server;
    private final List<AutoCloseable> started;
    private boolean stopped;

    private BotRuntime(Databases databases, BotComponent graph, OperationsServer server, List<AutoCloseable> started) {
        this.databases = databases;
        this.graph = graph;
        this.server = server;
        this.started = started;
    }

    /**
     * Starts the bot from environment variables, as {@code mentorium-bot run} does.
     *
     * @param tuning adjusts the pipeline's pacing (identity in production; the benchmarks lift the limits)
     */
    public static BotRuntime start(Map<String, String> variables, Clock clock, UnaryOperator<PipelineTuning> tuning)
            throws StartFailure {
        BotConfiguration.Loaded loaded = BotConfiguration.load(new Environment(variables), true, "json");
        if (loaded instanceof BotConfiguration.Loaded.Invalid invalid) {
            throw new StartFailure(MentoriumBot.CONFIGURATION_ERROR, invalid.describe(), null);
        }
        BotConfiguration configuration = ((BotConfiguration.Loaded.Valid) loaded).configuration();
        return start(configuration, clock,
                tuning.apply(PipelineTuning.of(configuration)));
    }

    static BotRuntime start(BotConfiguration configuration, Clock clock, PipelineTuning tuning) throws StartFailure {
        Databases databases;
        try {
            databases = Databases.open(configuration.persistence(), false);
        } catch (RuntimeException failure) {
            throw new StartFailure(MentoriumBot.FAILURE, "could not open the databases: " + failure.getMessage(), failure);
        }
        List<AutoCloseable> started = new ArrayList<>();
        started.add(databases);
        try {
            databases.migrate(clock);
            BotComponent graph = DaggerBotComponent.factory().create(configuration, databases, clock, tuning);
            databases.trackPools(new PrometheusPoolMetrics(graph.metricsRegistry().prometheus()));
            InstanceLock.Held lock = graph.instanceLock().tryAcquire(lockName(configuration))
                    .orElseThrow(() -> new StartFailure(MentoriumBot.LOCKED,
                            "another mentorium-bot instance is already polling Telegram for this bot (it holds the "
                                    + "lock in the bot database " + databases.describeBotDatabase()
                                    + "); stop it first, or point this one at another bot token", null));
            started.add(lock);
            TelegramPolling polling = graph.telegramPolling();
            graph.operationsMetrics().polling(polling::isRunning);
            OperationsServer.Builder builder = OperationsServer.builder()
                    .bind(configuration.http().bind(), configuration.http().port())
                    .metrics(graph.metricsRegistry())
                    .readiness("bot-database", databaseCheck(databases, "bot"))
                    .readiness("platform-database", databaseCheck(databases, "platform"))
                    .readiness("polling", ReadinessCheck.when(polling::isRunning, "not polling Telegram"))
                    .readiness("instance-lock", ReadinessCheck.when(lock::stillHeld, "single-instance lock lost"));
            new PaymentWebhooks(graph.outbox(), graph.outboxRelay()).mount(builder, graph.payme(), graph.click());
            OperationsServer server = builder.build();
            int port = server.start();
            started.add(server);
            LOG.info("HTTP server listening on {}:{}", configuration.http().bind(), port);
            started.add(graph.telegramApi());
            UpdatePipeline pipeline = graph.updatePipeline();
            pipeline.start();
            started.add(() -> pipeline.stop(Duration.ofSeconds(10)));
            // After the relay runs (answers are delivered through it); stopped before it, so answers finished while
            // stopping are still flushed.
            started.add(graph.openAiAssistant());
            AssistantDesk desk = graph.assistantDesk();
            OutboxRelay relay = graph.outboxRelay();
            desk.start(graph.messenger(), relay::trySendAside, relay::offerBackground);
            started.add(desk::stop);
            // After the pipeline resumed, so the first purge never races the resume over the same rows' fate.
            RetentionTimer retention = RetentionTimer.onOwnThread(graph.retentionHandover());
            retention.start();
            started.add(retention);
            graph.manageStaff().seedConfiguredAdmins();
            BroadcastTimer broadcasts = BroadcastTimer.onOwnThread(graph.broadcastAnnouncement(), relay::sweepSoon);
            broadcasts.start();
            started.add(broadcasts);
            polling.start();
            started.add(polling::stop);
            // The command menu is a convenience (typed commands work without it): published once polling runs, on a
            // thread of its own, so that a slow or unanswered setMyCommands never holds back receiving updates.
            Thread.ofVirtual().name("command-menu").start(graph.commandPublisher()::publish);
            LOG.info("mentorium-bot is running: polling {}", configuration.telegram().apiUrl().getHost());
            return new BotRuntime(databases, graph, server, started);
        } catch (StartFailure failure) {
            closeAll(started);
            throw failure;
        } catch (DemoRefusedException refused) {
            closeAll(started);
            throw new StartFailure(MentoriumBot.CONFIGURATION_ERROR, refused.getMessage(), refused);
        } catch (RuntimeException failure) {
            closeAll(started);
            throw new StartFailure(MentoriumBot.FAILURE, "could not start: " + failure.getMessage(), failure);
        }
    }

    /** The port the HTTP server listens on (useful with {@code HTTP_PORT=0}). */
    public int httpPort() {
        return server.port();
    }

    public String botDatabase() {
        return databases.describeBotDatabase();
    }

    /** Graceful stop in the order of the class comment; safe to call twice. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("mentorium-bot is stopping");
        closeAll(started);
        LOG.info("mentorium-bot stopped");
    }

    BotComponent graph() {
        return graph;
    }

    /** One poller per bot: the lock is named after the bot's id (the token's part before the colon), never the key. */
    static String lockName(BotConfiguration configuration) {
        String token = configuration.telegram().token().orElse("");
        int colon = token.indexOf(':');
        return "telegram-polling:" + (colon > 0 ? token.substring(0, colon) : "console");
    }

    private static ReadinessCheck databaseCheck(Databases databases, String name) {
        return () -> databases.checkReachable(READINESS_PROBE_TIMEOUT).stream()
                .filter(reachability -> reachability.database().equals(name))
                .findFirst()
                .map(reachability -> reachability.problem().map(ReadinessCheck.Result::down)
                        .orElse(ReadinessCheck.Result.UP))
                .orElse(ReadinessCheck.Result.down("not configured"));
    }

    /** Closes in reverse order of start; one failure does not keep the rest open. */
    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception failure) {
                LOG.warn("stopping {} failed", started.get(i).getClass().getSimpleName(), failure);
            }
        }
        started.clear();
    }
}
