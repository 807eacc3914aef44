package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.domain.shared.ChatId;
import java.time.Instant;
import java.util.ArrayList;
import java.sql.Types;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Comparator;
import org.jdbi.v3.core.Jdbi;

/**
 * Messages to send in {@code bot.outbox_messages}, each as JSON ({@link PayloadJson}) with its type name in
 * {@code kind}. Enqueueing a reply batch is one multi-row insert; every state change is one update by id (or by chat).
 */
public final class JdbiOutbox implements Outbox {

    // Ids come from the identity as rows leave the sorted subquery, so they follow the given order (ordinality). One
    // statement queues the replies to a whole batch of updates: each row names its update.
    private static final String INSERT = """
            INSERT INTO bot.outbox_messages (chat_id, kind, payload, created_at, not_before, update_id, claimed_by,
                                             lease_until)
            SELECT m.chat_id, m.kind, m.payload, ?, ?, m.update_id, ?, ?
              FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]))
                   WITH ORDINALITY AS m(chat_id, kind, payload, update_id, position)
             ORDER BY m.position
            RETURNING id
            """;
    private static final String MARK_ALL_SENT =
            "UPDATE bot.outbox_messages SET state = 1, handled_at = ? WHERE id = ANY (?) AND state = 0";

    private final Jdbi jdbi;
    /** Claims what this process enqueues (the bot), or empty: rows are left for any relay to claim. */
    private final Optional<Outbox.Owner> claimant;

    /** An outbox whose rows are enqueued unclaimed. */
    public JdbiOutbox(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.claimant = Optional.empty();
    }

    /** An outbox of a process that owns rows as {@code owner} (claiming what it enqueues if the owner says so). */
    public JdbiOutbox(Jdbi jdbi, Outbox.Owner owner) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.claimant = Optional.of(owner).filter(Outbox.Owner::claimsOnEnqueue);
    }

    @Override
    public List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now) {
        return insert(messages, now, now, null);
    }

    @Override
    public List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now, Instant notBefore) {
        Objects.requireNonNull(notBefore, "notBefore");
        return insert(messages, now, notBefore.isAfter(now) ? notBefore : now, null);
    }

    @Override
    public List<QueuedMessage> enqueueReplies(long updateId, List<Outgoing> messages, Instant now) {
        return insert(messages, now, now, updateId);
    }

    @Override
    public List<List<QueuedMessage>> enqueueReplies(List<Replies> replies, Instant now) {
        List<Outgoing> messages = new ArrayList<>();
        List<Long> updateIds = new ArrayList<>();
        for (Replies each : replies) {
            messages.addAll(each.messages());
            each.messages().forEach(message -> updateIds.add(each.updateId()));
        }
        List<QueuedMessage> queued = insert(messages, updateIds, now, now);
        List<List<QueuedMessage>> byUpdate = new ArrayList<>(replies.size());
        int from = 0;
        for (Replies each : replies) {
            int to = from + each.messages().size();
            byUpdate.add(List.copyOf(queued.subList(from, to)));
            from = to;
        }
        return byUpdate;
    }

    @Override
    public List<QueuedMessage> pendingReplies(long updateId) {
        List<OutboxRow> rows = Storage.call("load an update's pending replies",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.pendingReplies(updateId)));
        return rows.stream().map(JdbiOutbox::toMessage).toList();
    }

    @Override
    public int markSent(Collection<Long> ids, Instant at) {
        Objects.requireNonNull(at, "at");
        if (ids.isEmpty()) {
            return 0;
        }
        long[] array = ids.stream().mapToLong(Long::longValue).toArray();
        return HotPath.update(jdbi, "mark messages sent", MARK_ALL_SENT, (statement, connection) -> {
            HotPath.setInstant(statement, 1, at);
            HotPath.setLongs(statement, 2, array);
        });
    }

    private List<QueuedMessage> insert(List<Outgoing> messages, Instant now, Instant notBefore, Long updateId) {
        return insert(messages, Collections.nCopies(messages.size(), updateId), now, notBefore);
    }

    /** @param updateIds the update each message replies to (null: none), one per message */
    private List<QueuedMessage> insert(List<Outgoing> messages, List<Long> updateIds, Instant now, Instant notBefore) {
        Objects.requireNonNull(now, "now");
        if (messages.isEmpty()) {
            return List.of();
        }
        int size = messages.size();
        long[] chats = new long[size];
        String[] kinds = new String[size];
        String[] payloads = new String[size];
        for (int i = 0; i < size; i++) {
            Outgoing message = messages.get(i);
            chats[i] = message.chatId().value();
            kinds[i] = PayloadJson.kindOf(message);
            payloads[i] = PayloadJson.write(message);
        }
        long[] ids = HotPath.query(jdbi, "enqueue messages", INSERT, (statement, connection) -> {
            HotPath.setInstant(statement, 1, now);
            HotPath.setInstant(statement, 2, notBefore);
            if (claimant.isPresent()) {
                statement.setString(3, claimant.get().id());
                HotPath.setInstant(statement, 4, now.plus(claimant.get().lease()));
            } else {
                statement.setNull(3, Types.VARCHAR);
                statement.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            HotPath.setLongs(statement, 5, chats);
            HotPath.setTexts(statement, 6, kinds);
            HotPath.setTexts(statement, 7, payloads);
            HotPath.setLongs(statement, 8, updateIds.toArray(Long[]::new));
        }, rows -> {
            long[] found = new long[size];
            int n = 0;
            while (rows.next()) {
                found[n++] = rows.getLong(1);
            }
            if (n != size) {
                throw new IllegalStateException("expected " + size + " ids, got " + n);
            }
            return found;
        });
        // Ids were assigned in the given order; RETURNING alone promises no order, so sort before pairing them up.
        Arrays.sort(ids);
        List<QueuedMessage> queued = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            queued.add(new QueuedMessage(ids[i], messages.get(i), 0, notBefore));
        }
        return queued;
    }

    @Override
    public List<QueuedMessage> pending(long afterId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<OutboxRow> rows = Storage.call("load pending messages",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.pending(afterId, limit)));
        return rows.stream().map(JdbiOutbox::toMessage).toList();
    }

    @Override
    public void markSent(long id, Instant at) {
        Objects.requireNonNull(at, "at");
        requireChanged(id, Storage.call("mark a message sent",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.markSent(id, at))));
    }

    @Override
    public void recordRetry(long id, int attempts, Instant notBefore, String reason) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(reason, "reason");
        requireChanged(id, Storage.call("record a retry",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.recordRetry(id, attempts, notBefore, reason))));
    }

    @Override
    public void markGivenUp(long id, Instant at, String reason) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        requireChanged(id, Storage.call("give up a message",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.markGivenUp(id, at, reason))));
    }

    @Override
    public int giveUpChat(ChatId chatId, Instant at, String reason) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        return Storage.call("give up a chat's messages",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.giveUpChat(chatId.value(), at, reason)));
    }

    @Override
    public int purgeHandledBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return Storage.inChunks("purge handled messages", Storage.RETENTION_CHUNK, () -> jdbi.withExtension(
                OutboxDao.class, dao -> dao.purgeHandledBefore(before, Storage.RETENTION_CHUNK)));
    }

    @Override
    public List<QueuedMessage> claim(String owner, long afterId, int limit, Instant now, Instant dueBy,
                                     Instant leaseUntil, boolean includeOwn) {
        Objects.requireNonNull(owner, "owner");
        if (limit <= 0) {
            return List.of();
        }
        List<OutboxRow> rows = Storage.call("claim pending messages", () -> jdbi.withExtension(OutboxDao.class,
                dao -> dao.claim(owner, afterId, limit, now, dueBy, leaseUntil, includeOwn)));
        return rows.stream().sorted(Comparator.comparingLong(OutboxRow::id)).map(JdbiOutbox::toMessage).toList();
    }

    @Override
    public int renewClaims(String owner, Instant leaseUntil) {
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        return Storage.call("renew claims",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.renewClaims(owner, leaseUntil)));
    }

    @Override
    public int releaseClaims(String owner, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        long[] array = ids.stream().mapToLong(Long::longValue).toArray();
        return Storage.call("release claims",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.releaseClaims(owner, array)));
    }

    @Override
    public int releaseClaims(String owner) {
        return Storage.call("release claims",
                () -> jdbi.withExtension(OutboxDao.class, dao -> dao.releaseAllClaims(owner)));
    }

    @Override
    public long countPendingDue(Instant dueBy) {
        Objects.requireNonNull(dueBy, "dueBy");
        return Storage.call("count pending messages", () -> jdbi.withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM bot.outbox_messages WHERE state = 0 AND not_before <= :dueBy")
                .bind("dueBy", dueBy).mapTo(Long.class).one()));
    }

    private static void requireChanged(long id, int changed) {
        if (changed == 0) {
            throw new IllegalArgumentException("no message " + id);
        }
    }

    private static QueuedMessage toMessage(OutboxRow row) {
        try {
            return new QueuedMessage(row.id(), PayloadJson.readOutgoing(row.payload()), row.attempts(),
                    row.notBefore());
        } catch (RuntimeException e) {
            throw Storage.corrupt("message " + row.id(), e);
        }
    }
}
