--liquibase formatted sql

--changeset mentorium:022-payme
--comment: PayMe Merchant API transactions, answered from what is stored; merchant keys changed at run time
-- PayMe repeats Create, Perform and Cancel and compares the answers, so every value an answer holds is kept here and a
-- repeated call is answered from the row, never from the clock. Times are PayMe's milliseconds since the epoch
-- (bigint, 0 while not reached) rather than timestamptz: they go back to PayMe exactly as first answered.
CREATE TABLE bot.payme_transactions (
    -- PayMe's id of the transaction
    payme_id     text     NOT NULL,
    -- our order (bot.payments.id); no foreign key, as for every financial record
    order_id     text     NOT NULL,
    -- PayMe's "time" from CreateTransaction: the 12-hour timeout and GetStatement count from it
    payme_time   bigint   NOT NULL,
    amount_tiyin bigint   NOT NULL,
    -- our id of the transaction, answered as "transaction"
    transaction  text     NOT NULL,
    -- 1 created, 2 performed, -1 cancelled before perform, -2 cancelled after perform
    state        smallint NOT NULL,
    create_time  bigint   NOT NULL,
    perform_time bigint   NOT NULL DEFAULT 0,
    cancel_time  bigint   NOT NULL DEFAULT 0,
    -- PayMe's cancel reason; null until cancelled
    reason       integer,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payme_transactions_pkey PRIMARY KEY (payme_id),
    CONSTRAINT payme_transactions_payme_id_length CHECK (char_length(payme_id) BETWEEN 1 AND 255),
    CONSTRAINT payme_transactions_order_id_shape CHECK (order_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    CONSTRAINT payme_transactions_amount_positive CHECK (amount_tiyin > 0),
    CONSTRAINT payme_transactions_state_known CHECK (state IN (1, 2, -1, -2)),
    CONSTRAINT payme_transactions_times_not_negative CHECK (create_time >= 0 AND perform_time >= 0 AND cancel_time >= 0),
    CONSTRAINT payme_transactions_reason_when_cancelled CHECK ((reason IS NULL) = (state > 0)),
    CONSTRAINT payme_transactions_transaction_unique UNIQUE (transaction)
);
-- One live (created or performed) transaction per order. This is what decides two concurrent CreateTransaction calls
-- with different PayMe ids for the same order: the second insert fails, and its retry finds the first one.
CREATE UNIQUE INDEX payme_transactions_live_order_idx ON bot.payme_transactions (order_id) WHERE state IN (1, 2);
CREATE INDEX payme_transactions_order_idx ON bot.payme_transactions (order_id);
-- GetStatement selects by PayMe's time.
CREATE INDEX payme_transactions_payme_time_idx ON bot.payme_transactions (payme_time);

-- A provider's key as changed at run time (PayMe's ChangePassword); it wins over the configured one. A secret: keep
-- the table out of dumps handed to anyone who must not accept payments in our name.
CREATE TABLE bot.merchant_keys (
    provider   text        NOT NULL,
    key        text        NOT NULL,
    changed_at timestamptz NOT NULL,
    CONSTRAINT merchant_keys_pkey PRIMARY KEY (provider),
    CONSTRAINT merchant_keys_key_not_empty CHECK (char_length(key) > 0)
);
--rollback DROP TABLE bot.merchant_keys;
--rollback DROP TABLE bot.payme_transactions;
