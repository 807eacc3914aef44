package io.mentorium.application.port.out;

import io.mentorium.application.port.in.InboundUpdate;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Durable store of received updates, so that none is lost or handled twice across crashes. Idempotent on the update id:
 * storing an update seen before (processed or not) changes nothing.
 *
 * <p>Whatever the content of an update, storing it never fails because of that content: adapters store it in a form
 * their database always accepts. An update that still cannot be stored or read is {@link #quarantine quarantined}.
 */
public interface UpdateInbox {

    /**
     * Stores the updates not seen before, all or none.
     *
     * @return which of the batch's updates wait to be handled: the newly stored ones, and those stored before (by an
     *         attempt whose acknowledgement was lost) that are still pending; in update-id order
     */
    Stored store(List<InboundUpdate> updates, Instant receivedAt);

    /** Updates neither done nor failed, in update-id order, after {@code afterUpdateId} (keyset paging for resume). */
    List<Pending> pending(long afterUpdateId, int limit);

    /**
     * Marks a pending update done; meant to run first in the transaction that applies the update's effects, so that
     * the row lock serializes a second attempt at the same update behind the first.
     *
     * @return false when the update was not pending any more (handled or set aside before): apply nothing then
     */
    boolean markDone(long updateId, Instant at);

    /**
     * Marks many pending updates done in one go, first in the transaction that applies their effects, as
     * {@link #markDone(long, Instant)} one after the other would.
     *
     * @return the ids marked now; the others were not pending any more: apply nothing for them
     */
    default Set<Long> markDone(Collection<Long> updateIds, Instant at) {
        Set<Long> marked = new HashSet<>();
        for (long updateId : updateIds) {
            if (markDone(updateId, at)) {
                marked.add(updateId);
            }
        }
        return marked;
    }

    /**
     * Puts updates that this transaction marked done back to pending: the updates of a batch that leave it, to be
     * handled alone afterwards.
     */
    void reopen(Collection<Long> updateIds);

    /**
     * Sets an update aside for good and records why: a dead letter with the update's id and chat, the stage at which
     * it failed and a reason that holds no value the parent sent; a stored update is also marked failed. Idempotent.
     *
     * @return false when the update was stored and not pending any more (nothing to set aside)
     */
    boolean quarantine(DeadLetter letter);

    /**
     * Retention: drops the content of updates handled before {@code before}, and deletes them entirely once Telegram
     * could no longer deliver them again, so duplicate detection keeps working for as long as it is needed.
     *
     * @return how many rows were scrubbed or deleted
     */
    int purgeHandledBefore(Instant before);

    /** @param fresh how many of {@code toHandle} were stored by this call */
    record Stored(List<InboundUpdate> toHandle, int fresh) {

        public Stored {
            toHandle = List.copyOf(toHandle);
        }
    }

    /** A pending row as read back: the update, or what made it unreadable. */
    sealed interface Pending {

        long updateId();

        record Readable(InboundUpdate update) implements Pending {

            public Readable {
                Objects.requireNonNull(update, "update");
            }

            @Override
            public long updateId() {
                return update.updateId();
            }
        }

        /** @param reason why it cannot be decoded, without its content */
        record Unreadable(long updateId, long chatId, String reason) implements Pending {

            public Unreadable {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** Where an update was when it had to be set aside. */
    enum Stage { RECEIVE, STORE, DECODE, HANDLE }

    /**
     * @param chatId 0 when the update could not be read far enough to know its chat
     * @param reason why, masked: never the update's content, an e-mail, a code or a token
     */
    record DeadLetter(long updateId, long chatId, Stage stage, String reason, Instant at) {

        public static final int MAX_REASON_LENGTH = 500;

        public DeadLetter {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
            if (reason.length() > MAX_REASON_LENGTH) {
                reason = reason.substring(0, MAX_REASON_LENGTH);
            }
        }
    }
}
