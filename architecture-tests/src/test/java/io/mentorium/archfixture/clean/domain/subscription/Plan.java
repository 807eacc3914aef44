package io.mentorium.archfixture.clean.domain.subscription;

public enum Plan {
    FREE,
    PREMIUM
}
