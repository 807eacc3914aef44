package io.mentorium.domain.shared;

/** A Telegram chat id. Private chats have positive ids, groups negative ones; zero is never a chat. */
public record ChatId(long value) {

    public ChatId {
        if (value == 0) {
            throw new IllegalArgumentException("chat id must not be 0");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
