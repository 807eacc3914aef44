--liquibase formatted sql

--changeset mentorium:004-link-attempts
--comment: Every link-code attempt; the lockout counts recent failures, operators audit them
CREATE TABLE bot.link_attempts (
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    parent_id    bigint      NOT NULL,
    outcome      text        NOT NULL,
    -- the learner the code matched, when it matched one
    learner_id   text,
    attempted_at timestamptz NOT NULL,
    CONSTRAINT link_attempts_pkey PRIMARY KEY (id),
    CONSTRAINT link_attempts_parent_positive CHECK (parent_id > 0),
    CONSTRAINT link_attempts_outcome_known CHECK (outcome IN ('REJECTED', 'EXPIRED', 'LINKED'))
);
CREATE INDEX link_attempts_parent_at_idx ON bot.link_attempts (parent_id, attempted_at);
--rollback DROP TABLE bot.link_attempts;
