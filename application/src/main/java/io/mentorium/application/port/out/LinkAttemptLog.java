package io.mentorium.application.port.out;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every link-code attempt a parent made: the lockout counts failures from here, operators audit it. */
public interface LinkAttemptLog {

    void record(LinkAttempt attempt);

    /** Failed attempts of the parent strictly after {@code since}. */
    List<Instant> failuresSince(TelegramUserId parentId, Instant since);

    enum Outcome {
        /** The code matched no candidate of the e-mail (or the e-mail has no learners). */
        REJECTED,
        /** The code matched but had expired. */
        EXPIRED,
        /** The code matched and the learner was linked. */
        LINKED
    }

    /** @param learnerId the learner the code matched, when it matched one */
    record LinkAttempt(TelegramUserId parentId, Outcome outcome, Optional<LearnerId> learnerId, Instant at) {

        public LinkAttempt {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(learnerId, "learnerId");
            Objects.requireNonNull(at, "at");
        }
    }
}
