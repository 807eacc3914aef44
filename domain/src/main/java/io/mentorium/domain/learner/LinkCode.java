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

    /**
     * Codes are compared the way people type them: letter case, spaces and dashes do not matter, so "481 516",
     * "481-516" and "ab7k2q" are the codes shown as "481516" and "AB7-K2Q". Grouping a code for reading is what
     * screens and people do; it never tells two codes apart.
     */
    public boolean matches(String typed) {
        if (typed == null) {
            return false;
        }
        String normalized = normalize(typed);
        return !normalized.isEmpty() && normalized.equals(normalize(code));
    }

    /** Without spaces and dashes of any kind, upper-cased: the form {@link #matches} compares. */
    public static String normalize(String typed) {
        StringBuilder kept = new StringBuilder(typed.length());
        typed.codePoints().filter(c -> !separator(c)).forEach(kept::appendCodePoint);
        return kept.toString().toUpperCase(Locale.ROOT);
    }

    /** In printable ASCII only the space and the hyphen-minus: a database may compare such codes the same way. */
    private static boolean separator(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212';
    }
}
