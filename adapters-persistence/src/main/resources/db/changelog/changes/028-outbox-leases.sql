--liquibase formatted sql

--changeset mentorium:028-outbox-leases
--comment: Outbox rows are claimed by the process that sends them, for a lease; one send budget shared by every process
-- Who may send a pending row: the process instance that holds it, until lease_until; NULL = anyone may claim it.
ALTER TABLE bot.outbox_messages ADD COLUMN claimed_by text;
ALTER TABLE bot.outbox_messages ADD COLUMN lease_until timestamptz;
ALTER TABLE bot.outbox_messages ADD CONSTRAINT outbox_messages_claim_complete
    CHECK ((claimed_by IS NULL) = (lease_until IS NULL));
ALTER TABLE bot.outbox_messages ADD CONSTRAINT outbox_messages_claimed_by_shape
    CHECK (claimed_by IS NULL OR char_length(claimed_by) BETWEEN 1 AND 64);
-- The claim query: the first unclaimed pending rows in id order, without reading the rows others hold (a backlog of
-- tens of thousands of report rows, most of them claimed, must not be scanned on every pick-up).
CREATE INDEX outbox_messages_unclaimed_idx ON bot.outbox_messages (id) WHERE state = 0 AND claimed_by IS NULL;
-- Leases that ran out (a dead process's rows), and a process renewing or releasing what it holds.
CREATE INDEX outbox_messages_claimed_idx ON bot.outbox_messages (claimed_by, lease_until)
    WHERE state = 0 AND claimed_by IS NOT NULL;

-- Telegram's rate limit is per bot token, so every process sending for the bot draws its send permits here, a block at
-- a time per one-second window; and a 429's retry_after seen by one process pauses all of them.
CREATE TABLE bot.send_budget (
    id            smallint    NOT NULL DEFAULT 1,
    -- the one-second window (seconds since the epoch) the count is for; an older window counts as empty
    window_second bigint      NOT NULL DEFAULT 0,
    used          integer     NOT NULL DEFAULT 0,
    paused_until  timestamptz NOT NULL DEFAULT '1970-01-01T00:00:00Z',
    CONSTRAINT send_budget_pkey PRIMARY KEY (id),
    CONSTRAINT send_budget_single_row CHECK (id = 1),
    CONSTRAINT send_budget_used_not_negative CHECK (used >= 0)
);
INSERT INTO bot.send_budget (id) VALUES (1);
--rollback DROP TABLE bot.send_budget; DROP INDEX bot.outbox_messages_claimed_idx; DROP INDEX bot.outbox_messages_unclaimed_idx; ALTER TABLE bot.outbox_messages DROP COLUMN lease_until, DROP COLUMN claimed_by;
