--liquibase formatted sql

--changeset mentorium:030-operators
--comment: Operators' roles (admin, support; ADMIN_TELEGRAM_IDS seeds the admins at start), and system announcements with, per announcement, the parents it was queued for (the key makes delivery idempotent)
CREATE TABLE bot.staff_roles (
    telegram_user_id bigint      NOT NULL,
    role             text        NOT NULL,
    -- who granted it; null for the configured admins
    granted_by       bigint,
    granted_at       timestamptz NOT NULL,
    CONSTRAINT staff_roles_pkey PRIMARY KEY (telegram_user_id),
    CONSTRAINT staff_roles_id_positive CHECK (telegram_user_id > 0),
    CONSTRAINT staff_roles_role_known CHECK (role IN ('ADMIN', 'SUPPORT'))
);
CREATE TABLE bot.broadcasts (
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    author_id    bigint      NOT NULL,
    text         text        NOT NULL,
    state        text        NOT NULL,
    -- the last parent id delivery considered: a restart resumes after it
    cursor_id    bigint,
    created_at   timestamptz NOT NULL,
    decided_at   timestamptz,
    delivered_at timestamptz,
    CONSTRAINT broadcasts_pkey PRIMARY KEY (id),
    CONSTRAINT broadcasts_state_known CHECK (state IN ('DRAFT', 'CONFIRMED', 'CANCELLED', 'DELIVERED')),
    CONSTRAINT broadcasts_text_length CHECK (char_length(text) BETWEEN 1 AND 4096)
);
CREATE INDEX broadcasts_undelivered_idx ON bot.broadcasts (id) WHERE state = 'CONFIRMED';
CREATE TABLE bot.broadcast_recipients (
    broadcast_id bigint      NOT NULL,
    parent_id    bigint      NOT NULL,
    queued_at    timestamptz NOT NULL,
    CONSTRAINT broadcast_recipients_pkey PRIMARY KEY (broadcast_id, parent_id),
    CONSTRAINT broadcast_recipients_broadcast_fkey FOREIGN KEY (broadcast_id)
        REFERENCES bot.broadcasts (id) ON DELETE CASCADE
);
CREATE INDEX broadcast_recipients_parent_idx ON bot.broadcast_recipients (parent_id);
--rollback DROP TABLE bot.broadcast_recipients; DROP TABLE bot.broadcasts; DROP TABLE bot.staff_roles;
