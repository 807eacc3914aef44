--liquibase formatted sql

--changeset mentorium:029-event-log-queries
--comment: The admins' queries over the event log: by type (or a dotted family of types) and by actor, each in a period
CREATE INDEX event_log_type_idx ON bot.event_log (type text_pattern_ops, occurred_at);
CREATE INDEX event_log_actor_idx ON bot.event_log (actor_id, occurred_at) WHERE actor_id IS NOT NULL;
--rollback DROP INDEX bot.event_log_actor_idx; DROP INDEX bot.event_log_type_idx;
