package io.mentorium.domain.dialog;

import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Objects;

/**
 * One turn of a parent's conversation with the assistant.
 *
 * @param tokenCount tokens this message takes in a prompt, counted once when it is stored
 */
public record DialogMessage(TelegramUserId parentId, DialogRole role, String content, int tokenCount, Instant at) {

    public static final int MAX_CONTENT_LENGTH = 16_000;

    public DialogMessage {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(at, "at");
        if (content.length() > MAX_CONTENT_LENGTH) {
            throw new IllegalArgumentException("dialog message longer than " + MAX_CONTENT_LENGTH + " characters");
        }
        if (tokenCount < 0) {
            throw new IllegalArgumentException("negative token count");
        }
    }
}
