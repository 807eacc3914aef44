--liquibase formatted sql

--changeset mentorium:013-parents-chat-index
--comment: Every incoming update looks its parent up by chat id
CREATE INDEX parents_chat_idx ON bot.parents (chat_id);
--rollback DROP INDEX bot.parents_chat_idx;
