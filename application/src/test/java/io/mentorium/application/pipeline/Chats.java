package io.mentorium.application.pipeline;

import io.mentorium.application.port.in.ChatInput;
import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.Messenger.SendText;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Optional;

/** Updates and messages for test chats: chat n belongs to Telegram user n. */
final class Chats {

    private Chats() {
    }

    static ChatId chat(long n) {
        return new ChatId(n);
    }

    static ChatInput.Sender sender(long chat) {
        return new ChatInput.Sender(new TelegramUserId(chat), new ChatId(chat), Optional.of("en"));
    }

    static InboundUpdate text(long updateId, long chat, String text) {
        return new InboundUpdate(updateId, new ChatInput.Text(sender(chat), text));
    }

    static SendText message(long chat, String text) {
        return new SendText(new ChatId(chat), text);
    }
}
