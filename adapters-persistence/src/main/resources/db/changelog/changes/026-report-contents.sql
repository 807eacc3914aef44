--liquibase formatted sql

--changeset mentorium:026-report-contents
--comment: What a sent report said, so a parent can open it again from "Past reports"
-- All three are null for reports recorded before contents were kept; a report is written whole or not at all.
ALTER TABLE bot.report_history
    ADD COLUMN learner_name text,
    -- the figures as numbers: {"metrics": {...}, "previous": {...}, "streakDays": n}
    ADD COLUMN figures      jsonb,
    -- the message as sent (Telegram HTML)
    ADD COLUMN report_text  text,
    ADD CONSTRAINT report_history_content_whole CHECK (
        (learner_name IS NULL AND figures IS NULL AND report_text IS NULL)
        OR (learner_name IS NOT NULL AND figures IS NOT NULL AND report_text IS NOT NULL)),
    ADD CONSTRAINT report_history_text_bounded CHECK (char_length(report_text) <= 4096);
--rollback ALTER TABLE bot.report_history DROP COLUMN learner_name, DROP COLUMN figures, DROP COLUMN report_text;
