package io.mentorium.archfixture.clean.domain.learner;

import io.mentorium.archfixture.clean.domain.shared.Email;

public record Learner(LearnerId id, String name, Email contact) {
}
