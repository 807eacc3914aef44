--liquibase formatted sql

--changeset mentorium:007-dialog-messages
--comment: The parent's conversation with the assistant; the id orders messages as they were appended
CREATE TABLE bot.dialog_messages (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    parent_id   bigint      NOT NULL,
    role        text        NOT NULL,
    content     text        NOT NULL,
    -- tokens this message takes in a prompt, counted once when stored
    token_count integer     NOT NULL,
    created_at  timestamptz NOT NULL,
    CONSTRAINT dialog_messages_pkey PRIMARY KEY (id),
    CONSTRAINT dialog_messages_parent_positive CHECK (parent_id > 0),
    CONSTRAINT dialog_messages_role_known CHECK (role IN ('USER', 'ASSISTANT', 'TOOL')),
    CONSTRAINT dialog_messages_content_length CHECK (char_length(content) <= 16000),
    CONSTRAINT dialog_messages_tokens_not_negative CHECK (token_count >= 0)
);
-- "the parent's last N messages": a backward index scan
CREATE INDEX dialog_messages_parent_idx ON bot.dialog_messages (parent_id, id);
--rollback DROP TABLE bot.dialog_messages;
