--liquibase formatted sql

--changeset mentorium:011-outbox-messages
--comment: Messages to send, written in the transaction that decided them; the id is the sending order
CREATE TABLE bot.outbox_messages (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    chat_id     bigint      NOT NULL,
    -- the payload's type name (send_text, edit_text, answer_callback), for operators reading the table
    kind        text        NOT NULL,
    -- the Messenger.Outgoing as JSON, {"type": <kind>, ...}
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    -- not to be sent before this instant (a retry after 429 or a network failure)
    not_before  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    -- 0 pending, 1 sent, 2 given up
    state       smallint    NOT NULL DEFAULT 0,
    handled_at  timestamptz,
    last_error  text,
    CONSTRAINT outbox_messages_pkey PRIMARY KEY (id),
    CONSTRAINT outbox_messages_chat_id_not_zero CHECK (chat_id <> 0),
    CONSTRAINT outbox_messages_kind_shape CHECK (kind ~ '^[a-z][a-z_]*$' AND char_length(kind) <= 32),
    CONSTRAINT outbox_messages_attempts_not_negative CHECK (attempts >= 0),
    CONSTRAINT outbox_messages_state_known CHECK (state IN (0, 1, 2)),
    CONSTRAINT outbox_messages_handled_when_not_pending CHECK ((state = 0) = (handled_at IS NULL)),
    CONSTRAINT outbox_messages_payload_object CHECK (jsonb_typeof(payload) = 'object')
);
-- The relay resumes pending messages in id order.
CREATE INDEX outbox_messages_pending_idx ON bot.outbox_messages (id) WHERE state = 0;
-- A parent who blocked the bot: give up that chat's pending messages in one update.
CREATE INDEX outbox_messages_chat_pending_idx ON bot.outbox_messages (chat_id) WHERE state = 0;
--rollback DROP TABLE bot.outbox_messages;
