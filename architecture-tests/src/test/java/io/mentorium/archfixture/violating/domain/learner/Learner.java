package io.mentorium.archfixture.violating.domain.learner;

import io.mentorium.archfixture.violating.domain.parent.Parent;

/** Refers back to {@link Parent}: the learner and parent aggregates now depend on each other. */
public record Learner(String name, Parent parent) {
}
