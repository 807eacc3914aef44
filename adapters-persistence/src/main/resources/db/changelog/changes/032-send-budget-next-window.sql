--liquibase formatted sql

--changeset mentorium:032-send-budget-next-window
--comment: A relay draws the next window's permits before it begins (a window otherwise starts with none, and its first reply waits for a draw); the row counts that window beside the current one, so a draw ahead never ends the current window's count
ALTER TABLE bot.send_budget
    ADD COLUMN next_used integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT send_budget_next_used_not_negative CHECK (next_used >= 0);
--rollback ALTER TABLE bot.send_budget DROP COLUMN next_used;
