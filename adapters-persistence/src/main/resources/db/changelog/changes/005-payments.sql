--liquibase formatted sql

--changeset mentorium:005-payments
--comment: Payments through Telegram Stars, PayMe and Click; a provider transaction belongs to at most one payment
CREATE TABLE bot.payments (
    -- our order id, handed to the provider and echoed back by it
    id             text        NOT NULL,
    parent_id      bigint      NOT NULL,
    plan           text        NOT NULL,
    -- minor units: tiyin for UZS, whole stars for XTR
    amount_minor   bigint      NOT NULL,
    currency       text        NOT NULL,
    provider       text        NOT NULL,
    state          text        NOT NULL,
    -- the provider's id of this payment, once it told us
    provider_tx_id text,
    created_at     timestamptz NOT NULL,
    paid_at        timestamptz,
    cancelled_at   timestamptz,
    -- the provider's reason code (PayMe's "reason")
    cancel_reason  integer,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payments_pkey PRIMARY KEY (id),
    CONSTRAINT payments_id_shape CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
    CONSTRAINT payments_parent_positive CHECK (parent_id > 0),
    CONSTRAINT payments_plan_known CHECK (plan IN ('MONTH', 'QUARTER', 'YEAR')),
    CONSTRAINT payments_amount_not_negative CHECK (amount_minor >= 0),
    CONSTRAINT payments_currency_known CHECK (currency IN ('UZS', 'XTR')),
    CONSTRAINT payments_provider_known CHECK (provider IN ('STARS', 'PAYME', 'CLICK')),
    CONSTRAINT payments_currency_of_provider CHECK ((provider = 'STARS') = (currency = 'XTR')),
    CONSTRAINT payments_state_known CHECK (state IN ('CREATED', 'PAID', 'CANCELLED', 'REFUNDED')),
    CONSTRAINT payments_paid_has_time CHECK (state NOT IN ('PAID', 'REFUNDED') OR paid_at IS NOT NULL),
    CONSTRAINT payments_cancelled_has_time CHECK (state NOT IN ('CANCELLED', 'REFUNDED') OR cancelled_at IS NOT NULL),
    -- NULLs are distinct: many payments may still wait for their provider id
    CONSTRAINT payments_provider_tx_unique UNIQUE (provider, provider_tx_id)
);
CREATE INDEX payments_parent_idx ON bot.payments (parent_id, created_at);
--rollback DROP TABLE bot.payments;
