--liquibase formatted sql

--changeset mentorium:003-parent-learners
--comment: A parent's links to platform learners (part of the parent aggregate: replaced whenever the parent is saved)
CREATE TABLE bot.parent_learners (
    parent_id  bigint      NOT NULL,
    -- the platform's learner id (PLATFORM_SCHEMA.learners.id); no foreign key: another database may hold it
    learner_id text        NOT NULL,
    -- the guardian e-mail the parent proved, which is why they may see this learner
    via_email  text        NOT NULL,
    linked_at  timestamptz NOT NULL,
    -- position among the parent's links, so they come back in the order they were made
    link_order integer     NOT NULL,
    CONSTRAINT parent_learners_pkey PRIMARY KEY (parent_id, learner_id),
    CONSTRAINT parent_learners_parent_fkey FOREIGN KEY (parent_id)
        REFERENCES bot.parents (telegram_user_id) ON DELETE CASCADE,
    CONSTRAINT parent_learners_learner_id_length CHECK (length(learner_id) BETWEEN 1 AND 128),
    CONSTRAINT parent_learners_order_not_negative CHECK (link_order >= 0)
);
-- "every parent of this learner": reports and notifications fan out from a learner to their guardians
CREATE INDEX parent_learners_learner_idx ON bot.parent_learners (learner_id);
--rollback DROP TABLE bot.parent_learners;
