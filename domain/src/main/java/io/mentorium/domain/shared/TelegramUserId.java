package io.mentorium.domain.shared;

/** A Telegram user id: the identity of a parent. Telegram ids are positive 64-bit numbers. */
public record TelegramUserId(long value) implements Comparable<TelegramUserId> {

    public TelegramUserId {
        if (value <= 0) {
            throw new IllegalArgumentException("Telegram user id must be positive: " + value);
        }
    }

    @Override
    public int compareTo(TelegramUserId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
