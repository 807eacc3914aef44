package io.mentorium.domain.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stand-in for a guardian e-mail where the bot must recognise the same address again but has no business keeping it:
 * the SHA-256 of the normalized address, as 64 lower-case hex digits.
 *
 * <p>It is a pseudonym, not a secret: whoever already holds a candidate address can confirm it. That is why it is kept
 * only for counting failed link codes (see {@code LinkingLockout}) and never shown, and why the address itself is never
 * stored next to it. The fixed prefix keeps these keys from matching a plain hash of the address computed elsewhere.
 */
public record EmailKey(String value) {

    private static final String PURPOSE = "mentorium/link-attempt/v1:";
    private static final Pattern SHAPE = Pattern.compile("^[0-9a-f]{64}$");

    public EmailKey {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("an e-mail key is 64 lower-case hex digits");
        }
    }

    /** Two spellings of one address give one key, because {@link Email} normalizes before this sees it. */
    public static EmailKey of(Email email) {
        Objects.requireNonNull(email, "email");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((PURPOSE + email.value()).getBytes(StandardCharsets.UTF_8));
            return new EmailKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
