--liquibase formatted sql

--changeset mentorium:020-link-attempts-email-key
--comment: The guardian e-mail of each attempt as a SHA-256 key, so failures count per e-mail across Telegram accounts
-- Null for attempts recorded before this change: they keep counting per account, and leave the e-mail window within
-- the hour. Never the address itself: the bot has no reason to keep e-mails that guard nobody.
ALTER TABLE bot.link_attempts ADD COLUMN email_key text;
ALTER TABLE bot.link_attempts ADD CONSTRAINT link_attempts_email_key_shape CHECK (email_key ~ '^[0-9a-f]{64}$');
-- Only rejections are ever counted per e-mail; the partial index stays small however many links succeed.
CREATE INDEX link_attempts_rejected_email_at_idx ON bot.link_attempts (email_key, attempted_at)
    WHERE outcome = 'REJECTED';
--rollback DROP INDEX bot.link_attempts_rejected_email_at_idx;
--rollback ALTER TABLE bot.link_attempts DROP COLUMN email_key;
