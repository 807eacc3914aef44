--liquibase formatted sql

--changeset mentorium:023-click
--comment: Click SHOP-API exchanges: one row per click_trans_id, from Prepare to Complete
-- Written in the transaction that checks or settles the order, so a Click transaction and the order it pays change
-- together. The primary key on click_trans_id is what makes a repeated or concurrent Prepare find the first one and
-- a Complete be applied once: the Complete moves the row out of PREPARED with a conditional UPDATE, and of two
-- concurrent ones the second waits on the row lock and then finds nothing left to move.
-- No foreign key to bot.payments: like the other financial records, the row must outlive whatever happens to the
-- order, and the order was checked in the same transaction anyway.
CREATE TABLE bot.click_transactions (
    click_trans_id bigint      NOT NULL,
    -- our order id (merchant_trans_id)
    order_id       text        NOT NULL,
    -- merchant_prepare_id (and merchant_confirm_id): ours, from the identity sequence, never reused
    prepare_id     bigint      GENERATED ALWAYS AS IDENTITY,
    -- the amount in sum exactly as Click sent it in the Prepare ("1000" or "1000.00")
    amount         text        NOT NULL,
    state          text        NOT NULL,
    prepared_at    timestamptz NOT NULL,
    finished_at    timestamptz,
    CONSTRAINT click_transactions_pkey PRIMARY KEY (click_trans_id),
    CONSTRAINT click_transactions_prepare_id_unique UNIQUE (prepare_id),
    CONSTRAINT click_transactions_id_positive CHECK (click_trans_id > 0),
    CONSTRAINT click_transactions_order_id_shape CHECK (order_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    CONSTRAINT click_transactions_amount_shape CHECK (amount ~ '^[0-9]{1,18}(\.[0-9]{1,6})?$'),
    CONSTRAINT click_transactions_state_known CHECK (state IN ('PREPARED', 'CONFIRMED', 'CANCELLED')),
    CONSTRAINT click_transactions_finished_has_time CHECK ((state = 'PREPARED') = (finished_at IS NULL))
);
-- Support looks up what Click did for an order.
CREATE INDEX click_transactions_order_idx ON bot.click_transactions (order_id);
--rollback DROP TABLE bot.click_transactions;
