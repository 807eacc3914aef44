package io.mentorium.application.port.out;

import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * System announcements and, for each, the parents it was queued for. The recipients' key (announcement, parent) is what
 * makes delivery idempotent: a parent is claimed once, in the transaction that queues their message.
 */
public interface Broadcasts {

    /** Stores a draft awaiting its author's confirmation; returns its id. */
    long create(TelegramUserId author, String text, Instant at);

    Optional<Broadcast> find(long id);

    /** Draft to confirmed; false when it is not a draft (decided before, or unknown). */
    boolean confirm(long id, Instant at);

    /** Draft to cancelled; false when it is not a draft. */
    boolean cancel(long id, Instant at);

    /** Confirmed announcements not yet delivered to everyone, oldest first. */
    List<Broadcast> undelivered(int limit);

    /**
     * Records these parents as recipients of the announcement, skipping any recorded before.
     *
     * @return the parents recorded now: exactly those whose message must be queued
     */
    Set<TelegramUserId> claimRecipients(long id, Collection<TelegramUserId> parents, Instant at);

    /** Remembers how far through the parents (by id) delivery got, so that a restart resumes there. */
    void advance(long id, TelegramUserId lastParent);

    /** Every parent was considered; returns false when it was already marked. */
    boolean markDelivered(long id, Instant at);

    long recipientCount(long id);

    enum State {
        DRAFT,
        CONFIRMED,
        CANCELLED,
        DELIVERED
    }

    /** @param cursor the last parent id delivery considered, empty before the first page */
    record Broadcast(long id, TelegramUserId author, String text, State state, Optional<TelegramUserId> cursor,
                     Instant createdAt) {

        public Broadcast {
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(cursor, "cursor");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }
}
