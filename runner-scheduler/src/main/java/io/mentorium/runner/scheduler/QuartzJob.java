package io.mentorium.runner.scheduler;

import java.util.Objects;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The one Quartz job class: a thin driving adapter that hands the firing job's name to the {@link JobRunner}.
 *
 * <p>{@code @DisallowConcurrentExecution} applies per job key, cluster-wide through the job store: a report run still
 * going when its next fire time comes (or a retention purge slower than an hour) is never run twice at once, while
 * different jobs still run side by side. Created per firing by {@link SchedulerRuntime}'s job factory, which is how it
 * gets the runner without a no-argument constructor or statics.
 */
@DisallowConcurrentExecution
final class QuartzJob implements Job {

    private final JobRunner runner;

    QuartzJob(JobRunner runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public void execute(JobExecutionContext context) {
        // The outcome is logged and counted by the runner; nothing is thrown back, because Quartz would only log it
        // again, and a re-fire of a failed report run is better left to the next trigger or an operator's trigger.
        runner.run(context.getJobDetail().getKey().getName());
    }
}
