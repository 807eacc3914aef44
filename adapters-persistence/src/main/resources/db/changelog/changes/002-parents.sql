--liquibase formatted sql

--changeset mentorium:002-parents
--comment: Parents who talk to the bot, with their notification preferences and reachability
CREATE TABLE bot.parents (
    telegram_user_id      bigint      NOT NULL,
    chat_id               bigint      NOT NULL,
    language              text        NOT NULL,
    role                  text        NOT NULL,
    -- NotificationKind names the parent receives (SYSTEM always among them)
    enabled_notifications text[]      NOT NULL,
    -- ReportKind names of the scheduled reports the parent receives
    report_kinds          text[]      NOT NULL,
    -- local times, read in BOT_TIMEZONE; both null when the parent accepts messages at any hour
    quiet_start           time,
    quiet_end             time,
    -- set when Telegram said the parent blocked the bot; null while reachable
    blocked_at            timestamptz,
    registered_at         timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT parents_pkey PRIMARY KEY (telegram_user_id),
    CONSTRAINT parents_id_positive CHECK (telegram_user_id > 0),
    CONSTRAINT parents_chat_id_not_zero CHECK (chat_id <> 0),
    CONSTRAINT parents_language_known CHECK (language IN ('ru', 'uz', 'en')),
    CONSTRAINT parents_role_known CHECK (role IN ('PARENT', 'ADMIN')),
    CONSTRAINT parents_notifications_known CHECK (enabled_notifications
        <@ ARRAY['ACHIEVEMENT', 'MISSED_DAYS', 'RECOMMENDATION', 'REMINDER', 'SYSTEM']::text[]),
    CONSTRAINT parents_report_kinds_known CHECK (report_kinds <@ ARRAY['WEEKLY', 'MONTHLY']::text[]),
    CONSTRAINT parents_quiet_hours_complete CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
    CONSTRAINT parents_quiet_hours_not_empty CHECK (quiet_start IS NULL OR quiet_start <> quiet_end)
);
--rollback DROP TABLE bot.parents;
