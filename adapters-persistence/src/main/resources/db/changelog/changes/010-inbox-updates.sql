--liquibase formatted sql

--changeset mentorium:010-inbox-updates
--comment: Telegram updates made durable before they are acknowledged; idempotent on update_id
CREATE TABLE bot.inbox_updates (
    -- Telegram's update_id: increasing, and the idempotency key (a redelivered update changes nothing)
    update_id   bigint      NOT NULL,
    chat_id     bigint      NOT NULL,
    -- the ChatInput as JSON, {"type": <stable short name>, ...}; may hold what the parent typed
    payload     jsonb       NOT NULL,
    received_at timestamptz NOT NULL,
    -- 0 pending, 1 done, 2 failed: a smallint rather than a named enum because every handled update rewrites it
    state       smallint    NOT NULL DEFAULT 0,
    handled_at  timestamptz,
    -- why handling failed (state 2); never a stack trace or a message text
    error       text,
    CONSTRAINT inbox_updates_pkey PRIMARY KEY (update_id),
    CONSTRAINT inbox_updates_chat_id_not_zero CHECK (chat_id <> 0),
    CONSTRAINT inbox_updates_state_known CHECK (state IN (0, 1, 2)),
    CONSTRAINT inbox_updates_handled_when_not_pending CHECK ((state = 0) = (handled_at IS NULL)),
    CONSTRAINT inbox_updates_payload_object CHECK (jsonb_typeof(payload) = 'object')
);
-- Resuming after a restart reads pending rows in update_id order; handled rows, the vast majority, stay out of it.
CREATE INDEX inbox_updates_pending_idx ON bot.inbox_updates (update_id) WHERE state = 0;
--rollback DROP TABLE bot.inbox_updates;
