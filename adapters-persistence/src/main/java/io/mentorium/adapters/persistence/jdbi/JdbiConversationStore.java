package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.domain.shared.ChatId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Conversation states in {@code bot.conversations}, one row per chat, the gathered values as a JSON object. An expired
 * row is filtered out on read and deleted by {@link #purgeExpired}.
 */
public final class JdbiConversationStore implements ConversationStore {

    private final Jdbi jdbi;

    public JdbiConversationStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Optional<Conversation> find(ChatId chatId, Instant now) {
        Objects.requireNonNull(now, "now");
        Optional<ConversationRow> row = Storage.call("load a conversation",
                () -> jdbi.withExtension(ConversationDao.class, dao -> dao.find(chatId.value(), now)));
        return row.map(r -> toConversation(chatId, r));
    }

    @Override
    public void save(ChatId chatId, Conversation conversation) {
        String values = PayloadJson.write(conversation.values());
        Storage.run("save a conversation", () -> jdbi.useExtension(ConversationDao.class,
                dao -> dao.upsert(chatId.value(), conversation.step(), values, conversation.expiresAt())));
    }

    @Override
    public void clear(ChatId chatId) {
        Storage.run("clear a conversation",
                () -> jdbi.useExtension(ConversationDao.class, dao -> dao.delete(chatId.value())));
    }

    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return Storage.call("purge expired conversations",
                () -> jdbi.withExtension(ConversationDao.class, dao -> dao.purgeExpired(now)));
    }

    private static Conversation toConversation(ChatId chatId, ConversationRow row) {
        try {
            return new Conversation(row.step(), PayloadJson.readValues(row.stateValues()), row.expiresAt());
        } catch (RuntimeException e) {
            throw Storage.corrupt("conversation of chat " + chatId, e);
        }
    }
}
