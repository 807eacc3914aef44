package io.mentorium.domain.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Our id of a payment (the order id handed to providers). It lives in the shared kernel because both the payment and
 * the subscription it pays for refer to it.
 */
public record PaymentId(String value) {

    public PaymentId {
        Objects.requireNonNull(value, "value");
        // Telegram's invoice payload allows at most 128 bytes and PayMe/Click echo the id back: keep it short and plain.
        if (!isValid(value)) {
            throw new IllegalArgumentException("payment id must be 1..64 of [A-Za-z0-9_-]");
        }
    }

    /**
     * Whether {@code value} can be a payment id: {@code [A-Za-z0-9_-]{1,64}} (false for null). For the providers'
     * callbacks, which answer an id that cannot be ours as an unknown order; checked without compiling a pattern for
     * every subscription row read.
     */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
