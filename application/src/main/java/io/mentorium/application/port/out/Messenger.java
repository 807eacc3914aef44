package io.mentorium.application.port.out;

import io.mentorium.domain.shared.ChatId;
import java.util.Objects;

/** Sends messages to parents. */
public interface Messenger {

    SendResult send(OutgoingMessage message);

    record OutgoingMessage(ChatId chatId, String text) {

        public OutgoingMessage {
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(text, "text");
            if (text.isBlank()) {
                throw new IllegalArgumentException("empty message");
            }
        }
    }

    sealed interface SendResult {

        record Sent() implements SendResult {
        }

        /** The parent blocked the bot; sending again is pointless until they write. */
        record RecipientBlocked() implements SendResult {
        }

        /** Not sent; {@code retryable} tells whether the same message may succeed later. */
        record Failed(String reason, boolean retryable) implements SendResult {
        }
    }
}
