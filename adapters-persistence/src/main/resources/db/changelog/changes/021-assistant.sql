--liquibase formatted sql

--changeset mentorium:021-assistant
--comment: Questions to the assistant, open until answered or apologised for; what each answer cost; dialog purging
-- A question is written in the transaction of the update that asked it and closed in the transaction that queues its
-- answer, so one still open after a crash is found again (by id, oldest first) and answered or apologised for. The
-- text is what the parent typed: personal data, deleted with the row once the question is closed and past retention.
CREATE TABLE bot.assistant_questions (
    id              bigint      GENERATED ALWAYS AS IDENTITY,
    parent_id       bigint      NOT NULL,
    chat_id         bigint      NOT NULL,
    text            text        NOT NULL,
    -- the update that asked, when there was one
    update_id       bigint,
    asked_at        timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_attempt_at timestamptz,
    closed_at       timestamptz,
    -- ANSWERED or APOLOGIZED once closed
    closing         text,
    CONSTRAINT assistant_questions_pkey PRIMARY KEY (id),
    CONSTRAINT assistant_questions_parent_positive CHECK (parent_id > 0),
    CONSTRAINT assistant_questions_chat_id_not_zero CHECK (chat_id <> 0),
    -- a Telegram message holds at most 4096 characters
    CONSTRAINT assistant_questions_text_length CHECK (char_length(text) <= 4096),
    CONSTRAINT assistant_questions_attempts_not_negative CHECK (attempts >= 0),
    CONSTRAINT assistant_questions_closing_known CHECK (closing IN ('ANSWERED', 'APOLOGIZED')),
    CONSTRAINT assistant_questions_closed_with_closing CHECK ((closing IS NULL) = (closed_at IS NULL))
);
-- Resuming after a restart pages through the open questions by id; the partial index holds only those.
CREATE INDEX assistant_questions_open_idx ON bot.assistant_questions (id) WHERE closed_at IS NULL;
-- The per-parent rate limit counts a parent's recent questions.
CREATE INDEX assistant_questions_parent_asked_idx ON bot.assistant_questions (parent_id, asked_at);

-- What an answer cost, on the answer's row (null on every other row): the tokens counted locally next to those the
-- model's API reported, so a drift between the two shows up in SQL.
ALTER TABLE bot.dialog_messages
    ADD COLUMN prompt_tokens_counted      integer,
    ADD COLUMN prompt_tokens_reported     integer,
    ADD COLUMN completion_tokens_counted  integer,
    ADD COLUMN completion_tokens_reported integer;
ALTER TABLE bot.dialog_messages
    ADD CONSTRAINT dialog_messages_usage_not_negative CHECK (prompt_tokens_counted >= 0
        AND prompt_tokens_reported >= 0 AND completion_tokens_counted >= 0 AND completion_tokens_reported >= 0),
    -- a usage is recorded whole or not at all
    ADD CONSTRAINT dialog_messages_usage_whole CHECK (
        (prompt_tokens_counted IS NULL) = (prompt_tokens_reported IS NULL)
        AND (prompt_tokens_counted IS NULL) = (completion_tokens_counted IS NULL)
        AND (prompt_tokens_counted IS NULL) = (completion_tokens_reported IS NULL));
-- Retention deletes messages by age across all parents.
CREATE INDEX dialog_messages_created_idx ON bot.dialog_messages (created_at);
--rollback DROP INDEX bot.dialog_messages_created_idx;
--rollback ALTER TABLE bot.dialog_messages DROP COLUMN prompt_tokens_counted, DROP COLUMN prompt_tokens_reported,
--rollback     DROP COLUMN completion_tokens_counted, DROP COLUMN completion_tokens_reported;
--rollback DROP TABLE bot.assistant_questions;
