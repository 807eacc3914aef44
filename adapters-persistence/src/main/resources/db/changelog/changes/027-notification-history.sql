--liquibase formatted sql

--changeset mentorium:027-notification-history
--comment: Which notification went to whom: the idempotency key of every notification kind
CREATE TABLE bot.notification_history (
    parent_id  bigint      NOT NULL,
    -- kind, learner (or "parent") and event, e.g. achievement:L-1:streak-7:2026-11-20
    key        text        NOT NULL,
    kind       text        NOT NULL,
    learner_id text,
    queued_at  timestamptz NOT NULL,
    CONSTRAINT notification_history_pkey PRIMARY KEY (parent_id, key),
    CONSTRAINT notification_history_kind_known
        CHECK (kind IN ('ACHIEVEMENT', 'MISSED_DAYS', 'RECOMMENDATION', 'REMINDER', 'SYSTEM')),
    CONSTRAINT notification_history_key_length CHECK (char_length(key) BETWEEN 1 AND 300)
);
-- The retention purge deletes by age.
CREATE INDEX notification_history_queued_idx ON bot.notification_history (queued_at);
--rollback DROP TABLE bot.notification_history;
