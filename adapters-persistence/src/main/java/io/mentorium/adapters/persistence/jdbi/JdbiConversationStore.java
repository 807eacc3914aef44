package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.ConversationStore;
import io.mentorium.domain.shared.ChatId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
    static final String FIND_ALL =
            "SELECT chat_id, step, state_values, expires_at FROM bot.conversations WHERE chat_id = ANY (?)";

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
        Optional<Optional<ConversationRow>> ahead = ReadAhead.conversation(chatId.value());
        if (ahead.isPresent()) {
            // As the statement compares, to the microsecond PostgreSQL keeps.
            Instant at = now.truncatedTo(ChronoUnit.MICROS);
            return ahead.get().filter(row -> !row.expiresAt().isBefore(at)).map(row -> toConversation(chatId, row));
        }
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

    /** One statement for the whole batch, expired states too; {@link #find} then serves them (see ReadAhead). */
    @Override
    public void readAhead(Collection<ChatId> chats) {
        if (chats.isEmpty() || !ReadAhead.possible()) {
            return;
        }
        long[] wanted = chats.stream().mapToLong(ChatId::value).distinct().toArray();
        Map<Long, Optional<ConversationRow>> read = HotPath.query(jdbi, "read conversations ahead", FIND_ALL,
                (statement, connection) -> HotPath.setLongs(statement, 1, wanted), rows -> {
                    Map<Long, Optional<ConversationRow>> found = new HashMap<>();
                    while (rows.next()) {
                        found.put(rows.getLong("chat_id"), Optional.of(new ConversationRow(rows.getString("step"),
                                rows.getString("state_values"), HotPath.getInstant(rows, "expires_at"))));
                    }
                    for (long chat : wanted) {
                        found.putIfAbsent(chat, Optional.empty());
                    }
                    return found;
                });
        ReadAhead.conversationsRead(read);
    }

    @Override
    public void save(ChatId chatId, Conversation conversation) {
        String values = PayloadJson.write(conversation.values());
        ReadAhead.keyedWrite(Optional.empty(), Optional.of(chatId.value()),
                () -> Storage.run("save a conversation", () -> jdbi.useExtension(ConversationDao.class,
                        dao -> dao.upsert(chatId.value(), conversation.step(), values, conversation.expiresAt()))));
    }

    @Override
    public void clear(ChatId chatId) {
        ReadAhead.keyedWrite(Optional.empty(), Optional.of(chatId.value()), () -> Storage.run("clear a conversation",
                () -> jdbi.useExtension(ConversationDao.class, dao -> dao.delete(chatId.value()))));
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
