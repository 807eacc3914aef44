package io.mentorium.archfixture.clean.domain.learner;

public record LearnerId(long value) {
}
