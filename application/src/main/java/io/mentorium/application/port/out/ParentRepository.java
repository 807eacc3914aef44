package io.mentorium.application.port.out;

import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The parents who talk to the bot, with their links to learners. */
public interface ParentRepository {

    Optional<Parent> findById(TelegramUserId id);

    /**
     * A hint that the transaction under way is about to {@link #findById find} these parents, one after another (a
     * batch of chats' turns): an adapter may read them all at once now and serve them for the rest of the transaction,
     * as long as nothing could have changed them since. Does nothing by default.
     */
    default void readAhead(Collection<TelegramUserId> ids) {
    }

    /** The parent whose current chat this is (the chat the bot last heard them from). */
    Optional<Parent> findByChat(ChatId chatId);

    /** Inserts or replaces the parent, including its links, preferences and reachability. */
    void save(Parent parent);

    /** Every parent linked to the learner (a learner may have several guardians). */
    List<Parent> findLinkedTo(LearnerId learnerId);

    /**
     * Parents in id order after {@code after}, or from the first when empty (keyset paging, so batch jobs never hold
     * all parents in memory).
     */
    List<Parent> findPage(Optional<TelegramUserId> after, int limit);

    long count();
}
