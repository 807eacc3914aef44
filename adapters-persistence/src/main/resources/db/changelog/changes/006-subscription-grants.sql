--liquibase formatted sql

--changeset mentorium:006-subscription-grants
--comment: What each paid payment bought; paid periods are derived from these, never stored
CREATE TABLE bot.subscription_grants (
    -- a payment grants a plan at most once, to one parent
    payment_id text        NOT NULL,
    parent_id  bigint      NOT NULL,
    plan       text        NOT NULL,
    paid_at    timestamptz NOT NULL,
    CONSTRAINT subscription_grants_pkey PRIMARY KEY (payment_id),
    CONSTRAINT subscription_grants_parent_positive CHECK (parent_id > 0),
    CONSTRAINT subscription_grants_plan_known CHECK (plan IN ('MONTH', 'QUARTER', 'YEAR'))
);
CREATE INDEX subscription_grants_parent_idx ON bot.subscription_grants (parent_id, paid_at);
--rollback DROP TABLE bot.subscription_grants;
