--liquibase formatted sql

--changeset mentorium:033-link-attempts-inactive
--comment: A right code of a learner the platform deactivated is recorded as such (not a failure towards the lockout)
ALTER TABLE bot.link_attempts DROP CONSTRAINT link_attempts_outcome_known;
ALTER TABLE bot.link_attempts ADD CONSTRAINT link_attempts_outcome_known
    CHECK (outcome IN ('REJECTED', 'EXPIRED', 'INACTIVE', 'LINKED'));
--rollback ALTER TABLE bot.link_attempts DROP CONSTRAINT link_attempts_outcome_known;
--rollback ALTER TABLE bot.link_attempts ADD CONSTRAINT link_attempts_outcome_known CHECK (outcome IN ('REJECTED', 'EXPIRED', 'LINKED'));
