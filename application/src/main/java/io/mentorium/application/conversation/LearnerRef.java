package io.mentorium.application.conversation;

import io.mentorium.domain.learner.LearnerId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * A short stand-in for a learner id in callback data. Platform ids may be up to 128 characters, while Telegram allows
 * 64 bytes of data per button, so a button carries 64 bits of the id's SHA-256 instead and the press is resolved
 * against the parent's current children: a ref that matches none of them is a stale button.
 */
final class LearnerRef {

    static final int LENGTH = 11;

    /**
     * Cloned for each ref: looking SHA-256 up among the security providers on every call was most of a ref's cost, a
     * thirtieth of the chat workers' samples under load (docs/PERFORMANCE.md).
     */
    private static final MessageDigest SHA_256 = sha256();

    private LearnerRef() {
    }

    static String of(LearnerId id) {
        byte[] digest = copyOf(SHA_256).digest(id.value().getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 8));
    }

    private static MessageDigest sha256() {
        try {
            return copyOf(MessageDigest.getInstance("sha-256"));
        } catch (NoSuchAlgorithmException impossible) {
            // Every JDK must provide SHA-256.
            throw new IllegalStateException(impossible);
        }
    }

    private static MessageDigest copyOf(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException impossible) {
            // The JDK's own SHA-256 is cloneable, and SHA_256 is a clone: a JDK without it fails when this class loads.
            throw new IllegalStateException(impossible);
        }
    }

    static Optional<LearnerId> resolve(String ref, Collection<LearnerId> candidates) {
        return candidates.stream().filter(id -> of(id).equals(ref)).findFirst();
    }

    static boolean isWellFormed(String ref) {
        if (ref.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }
}
