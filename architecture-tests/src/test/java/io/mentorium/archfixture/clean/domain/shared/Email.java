package io.mentorium.archfixture.clean.domain.shared;

import java.util.Objects;

/** Shared kernel value used by several aggregates. */
public record Email(String value) {

    public Email {
        Objects.requireNonNull(value, "value");
        if (!value.contains("@")) {
            throw new IllegalArgumentException("not an e-mail address: " + value);
        }
    }
}
