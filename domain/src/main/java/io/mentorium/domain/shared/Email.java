package io.mentorium.domain.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A guardian e-mail as the platform stores it: trimmed and lower-cased, so that two spellings of one address are one
 * address. {@link #toString()} is masked because e-mails end up in logs far more often than anyone intends.
 */
public record Email(String value) {

    public static final int MAX_LENGTH = 254;
    // Deliberately simple: the platform is the authority on which addresses exist; this only rejects obvious typos.
    private static final Pattern SHAPE = Pattern.compile("^[^\\s@]+@[^\\s@]+\\.[^\\s@]{2,}$");

    public Email {
        Objects.requireNonNull(value, "value");
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not an e-mail address: " + mask(value));
        }
    }

    /** Parses what a person typed; empty when it does not look like an e-mail address. */
    public static Optional<Email> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String candidate = typed.strip().toLowerCase(Locale.ROOT);
        if (candidate.length() > MAX_LENGTH || !SHAPE.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Email(candidate));
    }

    /** {@code aziza.karimova@example.com} becomes {@code a***a@e***.com}: enough to tell addresses apart in a log. */
    public String masked() {
        return mask(value);
    }

    public static String mask(String email) {
        if (email == null || email.isEmpty()) {
            return "***";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        int dot = domain.lastIndexOf('.');
        String maskedLocal = local.length() <= 2 ? local.charAt(0) + "***" : local.charAt(0) + "***" + local.charAt(local.length() - 1);
        String maskedDomain = dot <= 0 ? "***" : domain.charAt(0) + "***" + domain.substring(dot);
        return maskedLocal + "@" + maskedDomain;
    }

    @Override
    public String toString() {
        return masked();
    }
}
