package io.mentorium.application.port.out;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.EmailKey;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every link-code attempt a parent made: the lockouts count failures from here (per account and per guardian e-mail
 * across accounts), operators audit it. The e-mail is held only as its {@link EmailKey}, never as typed.
 */
public interface LinkAttemptLog {

    void record(LinkAttempt attempt);

    /** Failed attempts of the parent strictly after {@code since}, oldest first. */
    List<Instant> failuresSince(TelegramUserId parentId, Instant since);

    /** Failed attempts made with the e-mail by any parent strictly after {@code since}, oldest first. */
    List<Instant> failuresSince(EmailKey emailKey, Instant since);

    /**
     * Drops the e-mail key of attempts made before {@code before}, keeping the rest of each attempt for the audit: once
     * no lockout counts an attempt any more, nothing needs to recognise its e-mail. Returns how many keys went.
     */
    int forgetEmailKeysBefore(Instant before);

    enum Outcome {
        /** The code matched no candidate of the e-mail (or the e-mail has no learners). */
        REJECTED,
        /** The code matched but had expired. */
        EXPIRED,
        /** The code matched a learner whose account the platform has deactivated. */
        INACTIVE,
        /** The code matched and the learner was linked. */
        LINKED
    }

    /**
     * @param emailKey  the guardian e-mail the parent typed, as its key
     * @param learnerId the learner the code matched, when it matched one
     */
    record LinkAttempt(TelegramUserId parentId, EmailKey emailKey, Outcome outcome, Optional<LearnerId> learnerId,
                       Instant at) {

        public LinkAttempt {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(emailKey, "emailKey");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(at, "at");
        }
    }
}
