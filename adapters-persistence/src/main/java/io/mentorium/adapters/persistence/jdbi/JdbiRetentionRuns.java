package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.RetentionRuns;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The scheduler's retention runs as the {@code retention} row of {@code bot.job_runs}: one upsert per run that only
 * moves forward, so two schedulers finishing out of order leave the later instant.
 */
public final class JdbiRetentionRuns implements RetentionRuns {

    static final String JOB = "retention";

    private final Jdbi jdbi;

    public JdbiRetentionRuns(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void recordSchedulerPurge(Instant finishedAt) {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Storage.call("record a retention run", () -> jdbi.withHandle(handle -> handle.createUpdate("""
                INSERT INTO bot.job_runs (job, finished_at) VALUES (:job, :at)
                ON CONFLICT (job) DO UPDATE
                   SET finished_at = GREATEST(bot.job_runs.finished_at, EXCLUDED.finished_at)
                """).bind("job", JOB).bind("at", finishedAt).execute()));
    }

    @Override
    public Optional<Instant> lastSchedulerPurge() {
        return Storage.call("read the last retention run", () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT finished_at FROM bot.job_runs WHERE job = :job")
                .bind("job", JOB).mapTo(Instant.class).findOne()));
    }
}
