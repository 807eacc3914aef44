package io.mentorium.domain.learner;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A code the platform shows to a learner's family; typing it proves the parent sees the learner's account.
 *
 * @param expiresAt absent when the code never expires
 */
public record LinkCode(LearnerId learnerId, String code, Optional<Instant> expiresAt) {

    public static final int MAX_LENGTH = 64;

    public LinkCode {
        Objects.requireNonNull(learnerId, "learnerId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (code.isBlank()) {
            throw new IllegalArgumentException("empty link code");
        }
    }

    public boolean isExpiredAt(Instant instant) {
        return expiresAt.map(expiry -> !instant.isBefore(expiry)).orElse(false);
    }

    /** Codes are compared the way people type them: surrounding spaces and letter case do not matter. */
    public boolean matches(String typed) {
        return typed != null && normalize(typed).equals(normalize(code));
    }

    public static String normalize(String typed) {
        return typed.strip().toUpperCase(Locale.ROOT);
    }
}
