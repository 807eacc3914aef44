package io.mentorium.application.testing;

import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.domain.shared.ChatId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Conversation states in memory. */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<ChatId, Conversation> states = new ConcurrentHashMap<>();

    @Override
    public Optional<Conversation> find(ChatId chatId, Instant now) {
        return Optional.ofNullable(states.get(chatId)).filter(state -> !state.expiresAt().isBefore(now));
    }

    @Override
    public void save(ChatId chatId, Conversation conversation) {
        states.put(chatId, conversation);
    }

    @Override
    public void clear(ChatId chatId) {
        states.remove(chatId);
    }

    @Override
    public int purgeExpired(Instant now) {
        int before = states.size();
        states.values().removeIf(state -> state.expiresAt().isBefore(now));
        return before - states.size();
    }
}
