--liquibase formatted sql

--changeset mentorium:012-conversations
--comment: Where each chat is in a multi-step flow; a state past expires_at counts as absent
CREATE TABLE bot.conversations (
    chat_id      bigint      NOT NULL,
    step         text        NOT NULL,
    -- what the flow gathered so far, a JSON object of strings (may hold an e-mail or a link code: hence the TTL)
    state_values jsonb       NOT NULL,
    expires_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversations_pkey PRIMARY KEY (chat_id),
    CONSTRAINT conversations_chat_id_not_zero CHECK (chat_id <> 0),
    CONSTRAINT conversations_values_object CHECK (jsonb_typeof(state_values) = 'object')
);
-- The retention job deletes expired states by range.
CREATE INDEX conversations_expires_idx ON bot.conversations (expires_at);
--rollback DROP TABLE bot.conversations;
