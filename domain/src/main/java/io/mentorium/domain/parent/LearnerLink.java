package io.mentorium.domain.parent;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.shared.Email;
import java.time.Instant;
import java.util.Objects;

/**
 * A parent's link to a learner.
 *
 * @param viaEmail the guardian e-mail the parent proved, which is why this parent may see this learner
 */
public record LearnerLink(LearnerId learnerId, Email viaEmail, Instant linkedAt) {

    public LearnerLink {
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(viaEmail, "viaEmail");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }
}
