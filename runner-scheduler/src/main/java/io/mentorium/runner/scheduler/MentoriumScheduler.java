package io.mentorium.runner.scheduler;

import io.mentorium.application.config.Environment;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mentorium-scheduler}: the report, notification and retention scheduler's executable. {@code run} is a node of
 * the Quartz cluster ({@link SchedulerRuntime}); {@code trigger JOB} runs one job's use case in this process and exits.
 * What the jobs queue is delivered by the outbox relays: the bot's, and with a token this process's own.
 */
public final class MentoriumScheduler {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int CONFIGURATION_ERROR = 2;

    static final List<String> JOBS = JobCatalog.NAMES;

    /** The longest {@code trigger} waits for its messages to go out (a full run at Telegram's rate takes under one). */
    static final Duration DELIVERY_BOUND = Duration.ofHours(6);

    /** {@code trigger JOB --queue-only}: queue and exit, delivery left to the bot or a running scheduler. */
    static final String QUEUE_ONLY = "--queue-only";

    static final String USAGE = """
            Usage: mentorium-scheduler [COMMAND]

            Commands:
              run             run the Quartz scheduler with the report and notification jobs (default); clustered:
                              every scheduler on the same database shares the jobs, each run happens once
              trigger JOB [--queue-only]
                              run one job now in this process and exit when its work is queued and delivered
                              (--queue-only: queued; the bot's relay or a running scheduler delivers it):
                              weekly-reports, monthly-reports, daily-notifications, subscription-reminders,
                              retention
              check-config    validate the environment, print every problem, exit 0 or 2

            Options:
              -h, --help      show this help

            Health and metrics of `run`: /health/live, /health/ready, /metrics on SCHEDULER_HTTP_PORT (default 8081).

            Exit codes: 0 ok, 1 failure (or the job is not available in this build), 2 configuration error.
            """;

    private MentoriumScheduler() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> variables, PrintStream out, PrintStream err) {
        return run(args, variables, out, err, Clock.systemUTC());
    }

    static int run(String[] args, Map<String, String> variables, PrintStream out, PrintStream err, Clock clock) {
        List<String> arguments = List.of(args);
        if (arguments.contains("-h") || arguments.contains("--help") || arguments.contains("help")) {
            out.print(USAGE);
            return OK;
        }
        String command = arguments.isEmpty() ? "run" : arguments.getFirst();
        if (!List.of("run", "trigger", "check-config").contains(command)) {
            err.println("mentorium-scheduler: unknown command " + command);
            err.print(USAGE);
            return CONFIGURATION_ERROR;
        }
        if (command.equals("trigger") && (arguments.size() < 2 || arguments.size() > 3
                || !JOBS.contains(arguments.get(1)) || arguments.size() == 3 && !arguments.get(2).equals(QUEUE_ONLY))) {
            err.println("mentorium-scheduler: trigger needs one job (" + String.join(", ", JOBS) + "), optionally "
                    + QUEUE_ONLY);
            return CONFIGURATION_ERROR;
        }
        if (command.equals("run") && arguments.size() > 1) {
            err.println("mentorium-scheduler: run takes no arguments");
            return CONFIGURATION_ERROR;
        }
        SchedulerConfiguration.Loaded loaded = SchedulerConfiguration.load(new Environment(variables));
        if (loaded instanceof SchedulerConfiguration.Loaded.Invalid invalid) {
            err.println("mentorium-scheduler: " + invalid.describe());
            return CONFIGURATION_ERROR;
        }
        SchedulerConfiguration configuration = ((SchedulerConfiguration.Loaded.Valid) loaded).configuration();
        if (!command.equals("check-config")) {
            configuration.sentry().ifPresent(sentry -> ErrorReporting.install(sentry, "mentorium-scheduler"));
        }
        return switch (command) {
            case "check-config" -> checkConfig(configuration, out);
            case "trigger" -> trigger(configuration, arguments.get(1), arguments.contains(QUEUE_ONLY), out, err,
                    clock);
            default -> runUntilStopped(configuration, err, clock);
        };
    }

    private static int checkConfig(SchedulerConfiguration configuration, PrintStream out) {
        out.println("Configuration is valid:");
        String zone = configuration.core().botTimeZone().toString();
        for (JobCatalog.Job job : JobCatalog.jobs(configuration.schedule())) {
            out.printf("  %-23s %s (%s), missed runs: %s%n", job.name() + ":", job.cron(), zone,
                    job.misfire() == JobCatalog.Misfire.FIRE_ONCE_NOW ? "run once when back" : "skipped");
        }
        out.println("  database:               " + configuration.persistence().bot().map(Object::toString)
                .orElse("embedded under " + configuration.persistence().dataDir().toAbsolutePath()));
        out.println("  telegram:               " + configuration.telegram());
        out.println("  http:                   " + configuration.httpBind() + ":" + configuration.httpPort());
        out.println("  errors:                 " + configuration.sentry().map(Object::toString)
                .orElse("no error reporting"));
        return OK;
    }

    /**
     * {@code trigger JOB}: the job's use case, once, in this process, without Quartz (so it needs no running scheduler
     * and never collides with the cluster's own runs: the use cases are idempotent per period or event).
     */
    static int trigger(SchedulerConfiguration configuration, String job, boolean queueOnly, PrintStream out,
                       PrintStream err, Clock clock) {
        Logger log = LoggerFactory.getLogger(MentoriumScheduler.class);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            var databases = SchedulerRuntime.openAndMigrate(configuration, clock, opened);
            SchedulerComponent graph = DaggerSchedulerComponent.factory().create(configuration, databases, clock);
            opened.add(graph.openAiAssistant());
            Optional<SchedulerDelivery> delivery = queueOnly ? Optional.empty() : graph.delivery();
            if (delivery.isPresent()) {
                // Sending starts with the first queued row, while the job queues the rest.
                opened.add(delivery.get());
                delivery.get().start();
            }
            JobRunner.Result result = graph.jobRunner().run(job);
            return switch (result.outcome()) {
                case SUCCESS -> {
                    out.println(job + ": " + result.message());
                    if (delivery.isPresent()) {
                        boolean drained = delivery.get().drain(DELIVERY_BOUND);
                        out.println(job + ": " + (drained ? "delivered" : "not all delivered within "
                                + DELIVERY_BOUND.toHours() + " h; the rest stays queued for the next relay"));
                    }
                    yield OK;
                }
                case UNAVAILABLE -> {
                    err.println("mentorium-scheduler: " + job + " is " + result.message());
                    yield FAILURE;
                }
                case FAILURE -> {
                    err.println("mentorium-scheduler: " + job + " failed: " + result.message());
                    yield FAILURE;
                }
            };
        } catch (SchedulerRuntime.StartFailure failure) {
            log.error("mentorium-scheduler could not run {}: {}", job, failure.getMessage(), failure.getCause());
            err.println("mentorium-scheduler: " + failure.getMessage());
            return failure.exitCode();
        } finally {
            SchedulerRuntime.closeAll(opened);
        }
    }

    /** {@code run}: starts, then waits for SIGTERM/SIGINT (the JVM's shutdown hook) and stops gracefully. */
    private static int runUntilStopped(SchedulerConfiguration configuration, PrintStream err, Clock clock) {
        Logger log = LoggerFactory.getLogger(MentoriumScheduler.class);
        SchedulerRuntime runtime;
        try {
            runtime = SchedulerRuntime.start(configuration, clock);
        } catch (SchedulerRuntime.StartFailure failure) {
            log.error("mentorium-scheduler could not start: {}", failure.getMessage(), failure.getCause());
            err.println("mentorium-scheduler: " + failure.getMessage());
            return failure.exitCode();
        }
        err.println("mentorium-scheduler: running; HTTP on port " + runtime.httpPort()
                + " (health, metrics); stop with SIGTERM");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            if (configuration.sentry().isPresent()) {
                ErrorReporting.close();
            }
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            runtime.close();
        }
        return OK;
    }
}
