package io.mentorium.runner.scheduler;

import io.mentorium.runner.scheduler.SchedulerMetrics.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's work by name, the same way for a Quartz firing and for {@code trigger}: timed, counted, logged, and
 * never throwing, so that a failing use case cannot take a Quartz worker thread or the process down with it.
 */
final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** How a run ended, with the line that was logged. */
    record Result(Outcome outcome, String message) {
    }

    private final Map<String, JobWork> works;
    private final SchedulerMetrics metrics;
    private final Clock clock;

    JobRunner(Map<String, JobWork> works, SchedulerMetrics metrics, Clock clock) {
        this.works = Map.copyOf(works);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Result run(String job) {
        JobWork work = works.get(job);
        if (work == null) {
            throw new IllegalArgumentException("unknown job " + job);
        }
        Instant now = clock.instant();
        long started = System.nanoTime();
        Result result;
        try {
            String summary = work.run(now);
            result = new Result(Outcome.SUCCESS, summary);
            LOG.info("Job {} done in {} ms: {}", job, millisSince(started), summary);
        } catch (JobWork.Unavailable unavailable) {
            result = new Result(Outcome.UNAVAILABLE, unavailable.getMessage());
            LOG.warn("Job {} did nothing: {}", job, unavailable.getMessage());
        } catch (JobWork.Failed failed) {
            result = new Result(Outcome.FAILURE, failed.getMessage());
            LOG.warn("Job {} failed after {} ms: {}", job, millisSince(started), failed.getMessage());
        } catch (RuntimeException failure) {
            result = new Result(Outcome.FAILURE, failure.toString());
            LOG.error("Job {} failed after {} ms", job, millisSince(started), failure);
        }
        metrics.recordRun(job, result.outcome(), Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
