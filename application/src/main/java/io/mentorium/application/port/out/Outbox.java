package io.mentorium.application.port.out;

import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.domain.shared.ChatId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Messages waiting to be sent, written in the same transaction as the state change that caused them, and marked sent as
 * soon as the channel accepts them. Ids grow in insertion order, which is the order messages to a chat are sent in.
 */
public interface Outbox {

    /** @return the messages as queued, with their ids, in the order given */
    List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now);

    /**
     * Queues messages that must not go out before {@code notBefore} (a report queued inside the parent's quiet hours
     * waits for their end rather than being dropped). A {@code notBefore} before {@code now} means now.
     *
     * @return the messages as queued, with their ids, in the order given
     */
    List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now, Instant notBefore);

    /**
     * Queues the replies to an update, remembering the update, so that {@link #pendingReplies} finds them again.
     *
     * @return the messages as queued, with their ids, in the order given
     */
    List<QueuedMessage> enqueueReplies(long updateId, List<Outgoing> messages, Instant now);

    /** The replies to one update, for {@link #enqueueReplies(List, Instant)}. */
    record Replies(long updateId, List<Outgoing> messages) {

        public Replies {
            messages = List.copyOf(messages);
        }
    }

    /**
     * Queues the replies to several updates at once, as {@link #enqueueReplies(long, List, Instant)} would one after
     * the other.
     *
     * @return each update's messages as queued, in the order given
     */
    default List<List<QueuedMessage>> enqueueReplies(List<Replies> replies, Instant now) {
        List<List<QueuedMessage>> queued = new ArrayList<>(replies.size());
        for (Replies each : replies) {
            queued.add(enqueueReplies(each.updateId(), each.messages(), now));
        }
        return queued;
    }

    /** The pending replies queued for an update, in id order. */
    List<QueuedMessage> pendingReplies(long updateId);

    /** Messages neither sent nor given up, in id order, after {@code afterId} (keyset paging for resume). */
    List<QueuedMessage> pending(long afterId, int limit);

    void markSent(long id, Instant at);

    /** Marks many messages sent in one go; messages no longer pending are skipped. Returns how many were marked. */
    int markSent(Collection<Long> ids, Instant at);

    /** Records a failed attempt that will be retried no earlier than {@code notBefore}. */
    void recordRetry(long id, int attempts, Instant notBefore, String reason);

    /** Gives up on one message (kept for inspection). */
    void markGivenUp(long id, Instant at, String reason);

    /** Gives up on every pending message of a chat (the person blocked the bot); returns how many. */
    int giveUpChat(ChatId chatId, Instant at, String reason);

    /** Deletes sent and given-up messages older than {@code before}; returns how many. */
    int purgeHandledBefore(Instant before);

    /**
     * Claims pending rows for {@code owner} until {@code leaseUntil}, in id order after {@code afterId}: rows nobody
     * holds and rows whose lease ran out before {@code now} (a dead process's), skipping rows another claim is taking
     * at the same moment; with {@code includeOwn} also the rows {@code owner} holds already (a restart under the same
     * owner). Only rows due by {@code dueBy} are claimed: a row deferred for hours waits unclaimed.
     *
     * @return the claimed messages, in id order
     */
    List<QueuedMessage> claim(String owner, long afterId, int limit, Instant now, Instant dueBy, Instant leaseUntil,
                              boolean includeOwn);

    /** Extends the lease of every pending row {@code owner} holds; returns how many. */
    int renewClaims(String owner, Instant leaseUntil);

    /** Lets go of the given pending rows {@code owner} holds (it will not send them), so anyone may claim them. */
    int releaseClaims(String owner, Collection<Long> ids);

    /** Lets go of every pending row {@code owner} holds (it stops sending); returns how many. */
    int releaseClaims(String owner);

    /** How many pending rows are due by {@code dueBy}, whoever holds them. */
    long countPendingDue(Instant dueBy);

    record QueuedMessage(long id, Outgoing message, int attempts, Instant notBefore) {

        public QueuedMessage {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /**
     * The identity under which a process claims outbox rows, and for how long a claim holds without being renewed.
     *
     * @param id               the process instance: stable for the bot (one bot runs per database, held by its instance
     *                         lock, so a restarted bot takes its own rows back at once), unique per scheduler process
     * @param claimsOnEnqueue  rows this process enqueues are claimed by it in the same insert: the bot hands its replies to
     *                         its relay in memory, so no other process may take them between commit and send (and the hot
     *                         path needs no claim round trip). A scheduler's report rows are left for any relay to claim.
     * @param lease            how long a claim holds; renewed every third of it while the process lives
     */
    record Owner(String id, boolean claimsOnEnqueue, Duration lease) {

        /** Long enough that a pause of the process (a GC, a slow database) does not lose its rows to another. */
        public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

        public Owner {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(lease, "lease");
            if (id.isEmpty() || id.length() > 64) {
                throw new IllegalArgumentException("owner id must be 1-64 characters: " + id);
            }
            if (lease.isNegative() || lease.toMillis() < 30) {
                throw new IllegalArgumentException("lease must be at least 30 ms: " + lease);
            }
        }

        /** The bot: one per database. */
        public static Owner bot() {
            return new Owner("bot", true, DEFAULT_LEASE);
        }

        /** A process of which several may run at once: a fresh id per process. */
        public static Owner instance(String kind) {
            return new Owner(kind + "-" + UUID.randomUUID().toString().substring(0, 13), false, DEFAULT_LEASE);
        }

        public Owner withLease(Duration newLease) {
            return new Owner(id, claimsOnEnqueue, newLease);
        }
    }
}
