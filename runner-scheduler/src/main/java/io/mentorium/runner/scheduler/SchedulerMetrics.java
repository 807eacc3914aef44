package io.mentorium.runner.scheduler;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler process's metrics on a registry of its own (never the library's static default, so two schedulers in
 * one test JVM each count only their own runs), with the JVM metrics, scraped in the Prometheus text format. A small
 * copy of runner-bot's registry rather than a shared one: runners do not depend on each other. Beside the job runs it
 * carries the seed's {@code bot_uptime_seconds} and {@code errors_total{component}} (lines logged at ERROR, counted by
 * the part that logged them, as the bot counts its own); queue depths and subscriptions are the bot's to export.
 */
final class SchedulerMetrics {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** From a quick purge to a report run over tens of thousands of parents. */
    private static final double[] DURATION_BUCKETS_SECONDS = {0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600};

    enum Outcome {
        SUCCESS, FAILURE, UNAVAILABLE;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter runs;
    private final Histogram duration;
    private final Counter errors;

    static final String ERROR_APPENDER = "errors-total";
    static final List<String> COMPONENTS = List.of("persistence", "telegram", "reports", "service", "billing",
            "scheduler", "library");

    SchedulerMetrics() {
        JvmMetrics.builder().register(registry);
        runs = Counter.builder().name("mentorium_scheduler_job_runs_total")
                .help("Runs of each scheduler job by outcome (success, failure, unavailable in this build)")
                .labelNames("job", "outcome").withoutExemplars().register(registry);
        duration = Histogram.builder().name("mentorium_scheduler_job_duration_seconds")
                .help("Duration of one run of a scheduler job").labelNames("job")
                .unit(Unit.SECONDS).classicOnly().classicUpperBounds(DURATION_BUCKETS_SECONDS).withoutExemplars()
                .register(registry);
        long started = System.nanoTime();
        GaugeWithCallback.builder().name("bot_uptime_seconds").help("Seconds since this process started")
                .unit(Unit.SECONDS).callback(cb -> cb.call((System.nanoTime() - started) / 1e9)).register(registry);
        errors = Counter.builder().name("errors_total")
                .help("Lines logged at ERROR, by the component that logged them").labelNames("component")
                .withoutExemplars().register(registry);
        COMPONENTS.forEach(errors::labelValues);
        // Every job's series from the start, at zero: a dashboard or alert sees "never ran" rather than no data.
        for (String job : JobCatalog.NAMES) {
            duration.labelValues(job);
            for (Outcome outcome : Outcome.values()) {
                runs.labelValues(job, outcome.label());
            }
        }
    }

    /** Counts this process's ERROR lines from now on (a later registry in the same JVM takes the counting over). */
    void countLoggedErrors() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var previous = root.getAppender(ERROR_APPENDER);
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    errors.labelValues(component(event.getLoggerName())).inc();
                }
            }
        };
        appender.setName(ERROR_APPENDER);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    static String component(String logger) {
        String[] parts = logger.split("\\.");
        if (parts.length >= 4 && parts[0].equals("io") && parts[1].equals("mentorium")) {
            String candidate = parts[2].equals("runner") ? "scheduler" : parts[3];
            return COMPONENTS.contains(candidate) ? candidate : "library";
        }
        return "library";
    }

    void recordRun(String job, Outcome outcome, Duration took) {
        runs.labelValues(job, outcome.label()).inc();
        duration.labelValues(job).observe(took.toNanos() / 1e9);
    }

    /** This process's registry, for the model's metrics ({@link SchedulerModelMetrics}). */
    PrometheusRegistry registry() {
        return registry;
    }

    /** Runs of {@code job} with {@code outcome} counted by this process so far. */
    long runs(String job, Outcome outcome) {
        return (long) runs.labelValues(job, outcome.label()).get();
    }

    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed", impossible);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
