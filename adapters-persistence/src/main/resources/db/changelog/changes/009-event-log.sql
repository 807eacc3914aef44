--liquibase formatted sql

--changeset mentorium:009-event-log
--comment: Business events operators read (who did what, when); never secrets or raw personal data
CREATE TABLE bot.event_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    -- a stable dotted name such as learner.linked
    type        text        NOT NULL,
    -- the parent who acted, if a parent did
    actor_id    bigint,
    -- small string facts: ids, outcomes, masked e-mails
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT event_log_pkey PRIMARY KEY (id),
    CONSTRAINT event_log_type_shape CHECK (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$' AND char_length(type) <= 64),
    CONSTRAINT event_log_details_object CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX event_log_occurred_idx ON bot.event_log (occurred_at);
--rollback DROP TABLE bot.event_log;
