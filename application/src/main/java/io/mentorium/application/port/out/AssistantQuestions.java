package io.mentorium.application.port.out;

import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Questions to the assistant, written in the transaction of the update that asked them and closed in the transaction
 * that queues their answer. An open question outlives a crash: after a restart it is answered, or apologised for.
 */
public interface AssistantQuestions {

    /** Records a question; joins the caller's transaction. Returns its id (ids grow in the order questions come). */
    long add(NewQuestion question);

    Optional<OpenQuestion> find(long id);

    /** Open questions with ids above {@code afterId}, oldest first (keyset paging for resume). */
    List<OpenQuestion> open(long afterId, int limit);

    /**
     * Counts one more attempt at answering the question, if it is still open, and returns it with the attempts so far
     * (this one included); empty when it is closed or unknown. One statement: the desk's first read of an answer. The
     * count bounds how often a question may crash the bot, so it must outlive the bot, not the database: the adapter
     * may let the transaction that counts it commit without waiting for the disk. Call it in a transaction that
     * writes nothing else.
     */
    Optional<OpenQuestion> startAttempt(long id, Instant at);

    /**
     * Closes the question if it is still open: true the first time, false afterwards. Call it first in the
     * transaction that queues the answer, so an answer is queued once even if two attempts race.
     */
    boolean close(long id, Closing how, Instant at);

    /**
     * {@link #close Closes} those of the questions still open, all in one go: the answers that finish together are
     * closed by one statement, not one each. Returns the ids this call closed; the others were closed before (or are
     * unknown). The default closes them one by one.
     */
    default Set<Long> closeAll(Collection<Long> ids, Closing how, Instant at) {
        Set<Long> closed = new HashSet<>();
        for (long id : ids) {
            if (close(id, how, at)) {
                closed.add(id);
            }
        }
        return closed;
    }

    /** Questions the parent asked since {@code since}, open or closed (the per-parent rate limit). */
    int countAskedSince(TelegramUserId parentId, Instant since);

    /**
     * A hint: these parents' questions are about to be {@link #countAskedSince counted} from {@code since} or later in
     * the transaction under way, so an adapter may read them all now with one query (see
     * {@link SubscriptionRepository#readAhead}). Does nothing by default.
     */
    default void readAheadAsked(Collection<TelegramUserId> parentIds, Instant since) {
    }

    /** Deletes closed questions asked before {@code before}; returns how many. */
    int purgeClosedBefore(Instant before);

    enum Closing { ANSWERED, APOLOGIZED }

    record NewQuestion(TelegramUserId parentId, ChatId chatId, String text, OptionalLong updateId, Instant askedAt) {

        public NewQuestion {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(updateId, "updateId");
            Objects.requireNonNull(askedAt, "askedAt");
        }
    }

    record OpenQuestion(long id, TelegramUserId parentId, ChatId chatId, String text, int attempts, Instant askedAt) {

        public OpenQuestion {
            Objects.requireNonNull(parentId, "parentId");
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(askedAt, "askedAt");
        }
    }
}
