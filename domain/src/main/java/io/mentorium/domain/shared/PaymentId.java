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
        if (!value.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("payment id must be 1..64 of [A-Za-z0-9_-]");
        }
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID().toString().replace("-", ""));
    }

    @Override
    public String toString() {
        return value;
    }
}
