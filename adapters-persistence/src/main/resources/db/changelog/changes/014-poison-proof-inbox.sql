--liquibase formatted sql

--changeset mentorium:014-poison-proof-inbox
--comment: Payloads as ASCII-escaped JSON text (jsonb refuses \u0000 and lone surrogates); a dead-letter table; outbox rows know their update
-- jsonb rejects some strings a Telegram user can send (\u0000, SQLState 22P05; unpaired surrogates). The adapters
-- write every non-ASCII character as a \uXXXX escape, so a payload is pure ASCII and any text column accepts it,
-- losslessly. The checks keep the column honest without parsing it as jsonb.
ALTER TABLE bot.inbox_updates DROP CONSTRAINT inbox_updates_payload_object;
ALTER TABLE bot.inbox_updates ALTER COLUMN payload TYPE text USING payload::text;
-- Retention scrubs a handled update's payload after a short window but keeps its id for duplicate detection.
ALTER TABLE bot.inbox_updates ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE bot.inbox_updates ADD CONSTRAINT inbox_updates_payload_object
    CHECK (payload IS NULL OR left(payload, 1) = '{');
ALTER TABLE bot.inbox_updates ADD CONSTRAINT inbox_updates_payload_only_scrubbed_when_handled
    CHECK (payload IS NOT NULL OR state <> 0);

ALTER TABLE bot.outbox_messages DROP CONSTRAINT outbox_messages_payload_object;
ALTER TABLE bot.outbox_messages ALTER COLUMN payload TYPE text USING payload::text;
ALTER TABLE bot.outbox_messages ADD CONSTRAINT outbox_messages_payload_object CHECK (left(payload, 1) = '{');
-- The update whose handling queued the message: a worker that lost its commit acknowledgement finds the replies the
-- commit did queue by it, and hands them to the relay instead of handling the update again.
ALTER TABLE bot.outbox_messages ADD COLUMN update_id bigint;
CREATE INDEX outbox_messages_update_pending_idx ON bot.outbox_messages (update_id) WHERE state = 0;

ALTER TABLE bot.conversations DROP CONSTRAINT conversations_values_object;
ALTER TABLE bot.conversations ALTER COLUMN state_values TYPE text USING state_values::text;
ALTER TABLE bot.conversations ADD CONSTRAINT conversations_values_object CHECK (left(state_values, 1) = '{');

-- Updates set aside instead of stopping the bot: one that could not be stored, decoded or handled. Never the content:
-- the id, the chat, where it failed and a reason without any value the parent sent.
CREATE TABLE bot.dead_letters (
    update_id      bigint      NOT NULL,
    -- 0 when the update could not even be read far enough to know its chat
    chat_id        bigint      NOT NULL,
    stage          text        NOT NULL,
    reason         text        NOT NULL,
    quarantined_at timestamptz NOT NULL,
    CONSTRAINT dead_letters_pkey PRIMARY KEY (update_id),
    CONSTRAINT dead_letters_stage_known CHECK (stage IN ('receive', 'store', 'decode', 'handle')),
    CONSTRAINT dead_letters_reason_short CHECK (char_length(reason) <= 500)
);
CREATE INDEX dead_letters_quarantined_idx ON bot.dead_letters (quarantined_at);
--rollback DROP TABLE bot.dead_letters; DROP INDEX bot.outbox_messages_update_pending_idx; ALTER TABLE bot.outbox_messages DROP COLUMN update_id;
