package io.mentorium.application.port.out;

import io.mentorium.domain.shared.ChatId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a chat is in a multi-step flow (waiting for an e-mail, a code, a confirmation), kept across restarts. A state
 * past its expiry is as good as absent: a parent who walks away mid-flow starts from the menu next time.
 */
public interface ConversationStore {

    /** The chat's state unless there is none or it expired before {@code now}. */
    Optional<Conversation> find(ChatId chatId, Instant now);

    /**
     * A hint that the transaction under way is about to {@link #find} these chats' states, one after another: an
     * adapter may read them all at once now, as {@link ParentRepository#readAhead} does. Does nothing by default.
     */
    default void readAhead(Collection<ChatId> chats) {
    }

    void save(ChatId chatId, Conversation conversation);

    void clear(ChatId chatId);

    /** Deletes states that expired before {@code now}; returns how many. */
    int purgeExpired(Instant now);

    /**
     * @param step   the flow step, named by the conversation
     * @param values what the flow gathered so far (short strings; may include an e-mail and the link code being
     *               confirmed, which is why states expire within the hour)
     */
    record Conversation(String step, Map<String, String> values, Instant expiresAt) {

        public Conversation {
            Objects.requireNonNull(step, "step");
            values = Map.copyOf(values);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
