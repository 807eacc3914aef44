package io.mentorium.application.port.in;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Objects;

/** A parent removes a child from their list (after confirming). Other parents of the child are not affected. */
public interface UnlinkLearner {

    Result unlink(Command command);

    record Command(TelegramUserId parentId, LearnerId learnerId) {

        public Command {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(learnerId, "learnerId");
        }
    }

    sealed interface Result {

        record Unlinked(LearnerId learnerId) implements Result {
        }

        /** Not linked (already unlinked, a stale button, or someone else's child): nothing changed. */
        record NotLinked(LearnerId learnerId) implements Result {
        }
    }
}
