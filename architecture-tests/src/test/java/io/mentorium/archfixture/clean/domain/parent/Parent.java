package io.mentorium.archfixture.clean.domain.parent;

import io.mentorium.archfixture.clean.domain.learner.LearnerId;
import io.mentorium.archfixture.clean.domain.shared.Email;
import java.util.List;

/** Refers to learners by identity only, so the dependency between the two aggregates runs one way. */
public record Parent(Email email, List<LearnerId> learners) {

    public Parent {
        learners = List.copyOf(learners);
    }
}
