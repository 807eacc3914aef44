--liquibase formatted sql

--changeset mentorium:024-trials
--comment: Free trials, once per family: each parent's decided trial (a refused one ends when it starts) and the learners whose family had one
CREATE TABLE bot.trials (
    parent_id  bigint      NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    CONSTRAINT trials_pkey PRIMARY KEY (parent_id),
    CONSTRAINT trials_parent_positive CHECK (parent_id > 0),
    CONSTRAINT trials_ends_not_before_start CHECK (ends_at >= starts_at)
);
CREATE TABLE bot.trial_learners (
    -- the primary key is the rule: a learner's family gets one trial, whichever parent claims it first
    learner_id text   NOT NULL,
    parent_id  bigint NOT NULL,
    CONSTRAINT trial_learners_pkey PRIMARY KEY (learner_id),
    CONSTRAINT trial_learners_trial_fkey FOREIGN KEY (parent_id) REFERENCES bot.trials (parent_id) ON DELETE CASCADE
);
CREATE INDEX trial_learners_parent_idx ON bot.trial_learners (parent_id);
--rollback DROP TABLE bot.trial_learners; DROP TABLE bot.trials;
