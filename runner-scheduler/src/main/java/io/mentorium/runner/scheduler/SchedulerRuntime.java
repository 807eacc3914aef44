package io.mentorium.runner.scheduler;

import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.PrometheusPoolMetrics;
import io.mentorium.adapters.persistence.demo.DemoRefusedException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mentorium-scheduler run} as an object: starts everything in order and stops it in reverse, because Dagger has
 * no lifecycle. Start: databases (joining the bot's embedded PostgreSQL when it is already running), migrations, the
 * object graph, HTTP (so liveness answers while Quartz starts), then Quartz, clustered on the JDBC job store in the bot
 * database. Stop: Quartz first, waiting a bounded time for running jobs, then HTTP, then the pools.
 *
 * <p>Several schedulers may run against the same database: they form one Quartz cluster, each trigger fires on exactly
 * one of them, and a dead one's triggers are taken over by the others after the check-in interval.
 */
final class SchedulerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerRuntime.class);

    /** The cluster's name: the same on every node, and the {@code sched_name} of every row in the job store. */
    static final String SCHEDULER_NAME = "mentorium-scheduler";
    static final String JOB_GROUP = "mentorium";
    /** Quartz's tables live in the bot's schema (changeset 025-quartz); the prefix carries the schema. */
    static final String TABLE_PREFIX = "bot.qrtz_";
    static final Duration DEFAULT_SHUTDOWN_BOUND = Duration.ofSeconds(30);

    private static final Duration READINESS_PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Quartz's data sources are named JVM-wide; each runtime registers its own pool under a name of its own. */
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();
    /** Serialises creating schedulers: see {@link #createScheduler}. */
    private static final Object FACTORY_LOCK = new Object();

    private final Databases databases;
    private final SchedulerComponent graph;
    private final Scheduler scheduler;
    private final OperationsHttp http;
    private final List<AutoCloseable> started;
    private boolean stopped;

    private SchedulerRuntime(Databases databases, SchedulerComponent graph, Scheduler scheduler, OperationsHttp http,
                             List<AutoCloseable> started) {
        this.databases = databases;
        this.graph = graph;
        this.scheduler = scheduler;
        this.http = http;
        this.started = started;
    }

    /** Why the scheduler could not start, with the process exit code the contract gives it. */
    static final class StartFailure extends Exception {

        private final int exitCode;

        StartFailure(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    static SchedulerRuntime start(SchedulerConfiguration configuration, Clock clock) throws StartFailure {
        return start(configuration, clock, DEFAULT_SHUTDOWN_BOUND);
    }

    /** @param shutdownBound how long {@link #close} waits for running jobs before it lets the process go */
    static SchedulerRuntime start(SchedulerConfiguration configuration, Clock clock, Duration shutdownBound)
            throws StartFailure {
        List<AutoCloseable> started = new ArrayList<>();
        Databases databases = openAndMigrate(configuration, clock, started);
        try {
            SchedulerComponent graph = DaggerSchedulerComponent.factory().create(configuration, databases, clock);
            graph.metrics().countLoggedErrors();
            databases.trackPools(new PrometheusPoolMetrics(graph.metrics().registry()));
            started.add(graph.openAiAssistant());
            if (graph.delivery().isPresent()) {
                started.add(graph.delivery().get());
                graph.delivery().get().start();
            }
            Scheduler scheduler = createScheduler(databases.botDataSource(), graph.jobRunner());
            Map<String, OperationsHttp.Check> readiness = new LinkedHashMap<>();
            readiness.put("bot-database", () -> databases.checkReachable(READINESS_PROBE_TIMEOUT).stream()
                    .filter(reachability -> reachability.database().equals("bot"))
                    .findFirst().flatMap(Databases.Reachability::problem));
            readiness.put("scheduler", () -> schedulerProblem(scheduler));
            OperationsHttp http = OperationsHttp.start(configuration.httpBind(), configuration.httpPort(), readiness,
                    graph.metrics()::scrape);
            started.add(http);
            LOG.info("HTTP server listening on {}:{}", configuration.httpBind(), http.port());
            started.add(() -> shutdownQuartz(scheduler, shutdownBound));
            scheduleJobs(scheduler, configuration);
            scheduler.start();
            LOG.info("mentorium-scheduler is running: Quartz instance {} in cluster {}",
                    scheduler.getSchedulerInstanceId(), SCHEDULER_NAME);
            return new SchedulerRuntime(databases, graph, scheduler, http, started);
        } catch (SchedulerException | IOException | RuntimeException failure) {
            closeAll(started);
            throw new StartFailure(MentoriumScheduler.FAILURE, "could not start: " + failure.getMessage(), failure);
        }
    }

    /**
     * Opens the databases and applies the changelog (the bot and the scheduler may start together: Migrations
     * serialises them). On the embedded default this joins the bot's running PostgreSQL or starts it.
     */
    static Databases openAndMigrate(SchedulerConfiguration configuration, Clock clock, List<AutoCloseable> started)
            throws StartFailure {
        Databases databases;
        try {
            databases = Databases.open(configuration.persistence(), false);
        } catch (RuntimeException failure) {
            throw new StartFailure(MentoriumScheduler.FAILURE, "could not open the databases: " + failure.getMessage(),
                    failure);
        }
        started.add(databases);
        try {
            databases.migrate(clock);
            return databases;
        } catch (DemoRefusedException refused) {
            closeAll(started);
            throw new StartFailure(MentoriumScheduler.CONFIGURATION_ERROR, refused.getMessage(), refused);
        } catch (RuntimeException failure) {
            closeAll(started);
            throw new StartFailure(MentoriumScheduler.FAILURE, "could not migrate the database: "
                    + failure.getMessage(), failure);
        }
    }

    /**
     * Quartz as docs/apis.md §3 sets it up: JobStoreTX on the application's Hikari pool through a connection provider
     * Quartz does not manage, clustered, with the PostgreSQL delegate.
     */
    static Scheduler createScheduler(DataSource pool, JobRunner runner) throws SchedulerException {
        String dataSource = "mentorium-bot-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new PoolConnectionProvider(pool));
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        properties.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // Daemon threads: a job still running after the bounded shutdown must not keep the process from exiting.
        properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty("org.quartz.threadPool.threadCount", "4");
        properties.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.jobStore.tablePrefix", TABLE_PREFIX);
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.clusterCheckinInterval", "20000");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        // Job data, if any is ever added, stays readable strings rather than serialised Java objects.
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        synchronized (FACTORY_LOCK) {
            Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
            // Quartz also files every scheduler in a JVM-wide repository by name and hands the existing one to the
            // next factory asking for the same name. This process holds its scheduler by reference and never looks
            // it up, so it leaves the repository: a second cluster node in the same JVM (the tests) then gets a
            // scheduler of its own, with its own instance id, as a second process would.
            SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
            // Each firing gets a job that calls this process's runner (Quartz's default factory needs a no-argument
            // constructor, and would leave the job no way to reach the use cases but statics).
            scheduler.setJobFactory((bundle, ignored) -> new QuartzJob(runner));
            return scheduler;
        }
    }

    /**
     * Stores each job and its cron trigger. A trigger already stored with the same schedule is left alone, so that a
     * node starting up never resets a trigger another node is about to fire or a misfire Quartz is about to handle;
     * one with another cron, time zone or misfire policy (the configuration changed) is replaced.
     */
    static void scheduleJobs(Scheduler scheduler, SchedulerConfiguration configuration) throws SchedulerException {
        TimeZone zone = TimeZone.getTimeZone(configuration.core().botTimeZone());
        for (JobCatalog.Job job : JobCatalog.jobs(configuration.schedule())) {
            // Durable: the job stays stored without triggers, so `triggerJob` by key always finds it. The job class's
            // name is stored in the job store: renaming QuartzJob needs the stored jobs replaced (they are, below).
            JobDetail detail = JobBuilder.newJob(QuartzJob.class).withIdentity(job.name(), JOB_GROUP)
                    .withDescription(job.description()).storeDurably().build();
            CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(job.cron()).inTimeZone(zone);
            cron = switch (job.misfire()) {
                case FIRE_ONCE_NOW -> cron.withMisfireHandlingInstructionFireAndProceed();
                case SKIP_TO_NEXT -> cron.withMisfireHandlingInstructionDoNothing();
            };
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(job.name(), JOB_GROUP).forJob(detail)
                    .withSchedule(cron).build();
            Trigger existing = scheduler.getTrigger(trigger.getKey());
            if (existing instanceof CronTrigger stored && stored.getCronExpression().equals(job.cron())
                    && stored.getTimeZone().getID().equals(zone.getID())
                    && stored.getMisfireInstruction() == trigger.getMisfireInstruction()) {
                scheduler.addJob(detail, true);
                LOG.info("Job {}: {} ({}), next run {}", job.name(), job.cron(), zone.getID(),
                        stored.getNextFireTime());
            } else {
                scheduler.scheduleJob(detail, Set.of(trigger), true);
                LOG.info("Job {}: scheduled {} ({}), misfires {}", job.name(), job.cron(), zone.getID(),
                        job.misfire());
            }
        }
    }

    private static Optional<String> schedulerProblem(Scheduler scheduler) {
        try {
            if (scheduler.isShutdown()) {
                return Optional.of("shut down");
            }
            if (!scheduler.isStarted() || scheduler.isInStandbyMode()) {
                return Optional.of("not started");
            }
            return Optional.empty();
        } catch (SchedulerException e) {
            return Optional.of(e.getClass().getSimpleName());
        }
    }

    /**
     * Stops firing and waits up to {@code bound} for running jobs. A job still running then is left to finish or die
     * with the process: its queued work is idempotent, and the cluster does not re-run it (no job requests recovery).
     */
    private static void shutdownQuartz(Scheduler scheduler, Duration bound) throws InterruptedException {
        Thread stopper = Thread.ofPlatform().name("quartz-shutdown").daemon(true).start(() -> {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException failure) {
                LOG.warn("Quartz did not shut down cleanly", failure);
            }
        });
        if (!stopper.join(bound)) {
            LOG.warn("Jobs still running {} s after the stop signal; stopping without waiting for them",
                    bound.toSeconds());
        }
    }

    int httpPort() {
        return http.port();
    }

    SchedulerMetrics metrics() {
        return graph.metrics();
    }

    Scheduler quartz() {
        return scheduler;
    }

    JobKey jobKey(String job) {
        return JobKey.jobKey(job, JOB_GROUP);
    }

    String botDatabase() {
        return databases.describeBotDatabase();
    }

    /** Graceful stop in the order of the class comment; safe to call twice. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("mentorium-scheduler is stopping");
        closeAll(started);
        LOG.info("mentorium-scheduler stopped");
    }

    /** Closes in reverse order of start; one failure does not keep the rest open. */
    static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (Exception failure) {
                LOG.warn("stopping {} failed", started.get(i).getClass().getSimpleName(), failure);
            }
        }
        started.clear();
    }

    /**
     * The application's pool lent to Quartz. {@link #shutdown} must do nothing: Quartz calls it when the scheduler
     * shuts down, and the pool belongs to {@link Databases}, which closes it last.
     */
    private record PoolConnectionProvider(DataSource pool) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
