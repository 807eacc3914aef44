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

    private static final String FIND =
            "SELECT step, state_values, expires_at FROM bot.conversations WHERE chat_id = ? AND expires_at >= ?";

    private final Jdbi jdbi;
    private final int purgeChunk;

    public JdbiConversationStore(Jdbi jdbi) {
        this(jdbi, Storage.RETENTION_CHUNK);
    }

    JdbiConversationStore(Jdbi jdbi, int purgeChunk) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.purgeChunk = Storage.chunk(purgeChunk);
    }

    @Override
    public Optional<Conversation> find(ChatId chatId, Instant now) {
        Objects.requireNonNull(now, "now");
        // Every update of a registered parent reads it: plain JDBC (see HotPath).
        Optional<ConversationRow> row = HotPath.query(jdbi, "load a conversation", FIND, (statement, connection) -> {
            statement.setLong(1, chatId.value());
            HotPath.setInstant(statement, 2, now);
        }, rows -> rows.next()
                ? Optional.of(new ConversationRow(rows.getString("step"), rows.getString("state_values"),
                        HotPath.getInstant(rows, "expires_at")))
                : Optional.empty());
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

    /**
     * In chunks of {@link Storage#RETENTION_CHUNK}, each its own statement and (outside a caller's transaction) its own
     * transaction, so a flow a parent is in right now never waits long on the purge's locks.
     */
    @Override
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return Storage.inChunks("purge expired conversations", purgeChunk,
                () -> jdbi.withExtension(ConversationDao.class, dao -> dao.purgeExpired(now, purgeChunk)));
    }

    private static Conversation toConversation(ChatId chatId, ConversationRow row) {
        try {
            return new Conversation(row.step(), PayloadJson.readValues(row.stateValues()), row.expiresAt());
        } catch (RuntimeException e) {
            throw Storage.corrupt("conversation of chat " + chatId, e);
        }
    }
}
