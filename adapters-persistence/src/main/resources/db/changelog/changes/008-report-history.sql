--liquibase formatted sql

--changeset mentorium:008-report-history
--comment: Which report went to whom, so a repeated scheduled run sends nothing twice
CREATE TABLE bot.report_history (
    parent_id    bigint      NOT NULL,
    learner_id   text        NOT NULL,
    kind         text        NOT NULL,
    -- the report period as local dates: [period_start, period_end)
    period_start date        NOT NULL,
    period_end   date        NOT NULL,
    sent_at      timestamptz NOT NULL,
    CONSTRAINT report_history_pkey PRIMARY KEY (parent_id, learner_id, kind, period_start),
    CONSTRAINT report_history_kind_known CHECK (kind IN ('WEEKLY', 'MONTHLY')),
    CONSTRAINT report_history_period_not_empty CHECK (period_end > period_start)
);
CREATE INDEX report_history_parent_sent_idx ON bot.report_history (parent_id, sent_at);
--rollback DROP TABLE bot.report_history;
