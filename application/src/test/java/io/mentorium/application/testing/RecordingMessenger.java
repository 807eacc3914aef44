package io.mentorium.application.testing;

import io.mentorium.application.port.out.Messenger;
import io.mentorium.domain.shared.ChatId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what was sent; chats marked blocked answer as Telegram does for a parent who blocked the bot. */
public final class RecordingMessenger implements Messenger {

    private final List<OutgoingMessage> sent = new CopyOnWriteArrayList<>();
    private final Set<ChatId> blocked = ConcurrentHashMap.newKeySet();

    @Override
    public SendResult send(OutgoingMessage message) {
        if (blocked.contains(message.chatId())) {
            return new SendResult.RecipientBlocked();
        }
        sent.add(message);
        return new SendResult.Sent();
    }

    public void block(ChatId chatId) {
        blocked.add(chatId);
    }

    public List<OutgoingMessage> sent() {
        return List.copyOf(sent);
    }

    public List<OutgoingMessage> sentTo(ChatId chatId) {
        return sent.stream().filter(message -> message.chatId().equals(chatId)).toList();
    }
}
