--liquibase formatted sql

--changeset mentorium:001-bot-schema
--comment: The schema holding everything the bot owns (Migrations also creates it up front for Liquibase's own tables)
CREATE SCHEMA IF NOT EXISTS bot;
--rollback DROP SCHEMA bot;
