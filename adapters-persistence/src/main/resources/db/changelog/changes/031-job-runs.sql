--liquibase formatted sql

--changeset mentorium:031-job-runs
--comment: When a scheduler last finished each job, for the processes that stand down while a scheduler does the work
CREATE TABLE bot.job_runs (
    job         text        NOT NULL,
    finished_at timestamptz NOT NULL,
    CONSTRAINT job_runs_pkey PRIMARY KEY (job),
    CONSTRAINT job_runs_job_length CHECK (char_length(job) BETWEEN 1 AND 64)
);
--rollback DROP TABLE bot.job_runs;
