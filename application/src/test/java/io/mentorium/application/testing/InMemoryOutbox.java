package io.mentorium.application.testing;

import java.util.HashMap;
import java.util.Map;

import io.mentorium.application.port.out.Messenger.Outgoing;
import io.mentorium.application.port.out.Outbox;
import io.mentorium.domain.shared.ChatId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The outbox in memory; thread-safe. */
public final class InMemoryOutbox implements Outbox {

    public enum State { PENDING, SENT, GIVEN_UP }

    private record Row(QueuedMessage message, State state, Optional<Instant> handledAt, Optional<String> reason,
                       Optional<Long> updateId) {

        Row with(QueuedMessage newMessage, State newState, Optional<Instant> newHandledAt,
                 Optional<String> newReason) {
            return new Row(newMessage, newState, newHandledAt, newReason, updateId);
        }
    }

    private record Claim(String owner, Instant leaseUntil) {
    }

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final Map<Long, Claim> claims = new HashMap<>();
    private long nextId = 1;

    /** Calls to {@link #enqueue(List, Instant)}: what a database would run a statement for each. */
    private int enqueues;

    @Override
    public synchronized List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now) {
        enqueues++;
        return insert(messages, now, now, Optional.empty());
    }

    /** How many times messages were queued without a notice time or an update, one or several at a time. */
    public synchronized int enqueues() {
        return enqueues;
    }

    @Override
    public synchronized List<QueuedMessage> enqueue(List<Outgoing> messages, Instant now, Instant notBefore) {
        return insert(messages, now, notBefore.isAfter(now) ? notBefore : now, Optional.empty());
    }

    @Override
    public synchronized List<QueuedMessage> enqueueReplies(long updateId, List<Outgoing> messages, Instant now) {
        return insert(messages, now, now, Optional.of(updateId));
    }

    @Override
    public synchronized List<QueuedMessage> pendingReplies(long updateId) {
        return rows.values().stream().filter(row -> row.state() == State.PENDING
                && row.updateId().equals(Optional.of(updateId))).map(Row::message).toList();
    }

    @Override
    public synchronized int markSent(Collection<Long> ids, Instant at) {
        int count = 0;
        for (long id : ids) {
            Row row = rows.get(id);
            if (row != null && row.state() == State.PENDING) {
                rows.put(id, row.with(row.message(), State.SENT, Optional.of(at), Optional.empty()));
                count++;
            }
        }
        return count;
    }

    private List<QueuedMessage> insert(List<Outgoing> messages, Instant now, Instant notBefore,
                                       Optional<Long> updateId) {
        List<QueuedMessage> queued = new ArrayList<>();
        for (Outgoing message : messages) {
            QueuedMessage row = new QueuedMessage(nextId++, message, 0, notBefore);
            rows.put(row.id(), new Row(row, State.PENDING, Optional.empty(), Optional.empty(), updateId));
            queued.add(row);
        }
        return queued;
    }

    @Override
    public synchronized List<QueuedMessage> pending(long afterId, int limit) {
        return rows.tailMap(afterId, false).values().stream().filter(row -> row.state() == State.PENDING).limit(limit)
                .map(Row::message).toList();
    }

    @Override
    public synchronized void markSent(long id, Instant at) {
        Row row = existing(id);
        rows.put(id, row.with(row.message(), State.SENT, Optional.of(at), Optional.empty()));
    }

    @Override
    public synchronized void recordRetry(long id, int attempts, Instant notBefore, String reason) {
        Row row = existing(id);
        QueuedMessage old = row.message();
        rows.put(id, row.with(new QueuedMessage(id, old.message(), attempts, notBefore), State.PENDING,
                Optional.empty(), Optional.of(reason)));
    }

    @Override
    public synchronized void markGivenUp(long id, Instant at, String reason) {
        Row row = existing(id);
        rows.put(id, row.with(row.message(), State.GIVEN_UP, Optional.of(at), Optional.of(reason)));
    }

    @Override
    public synchronized int giveUpChat(ChatId chatId, Instant at, String reason) {
        List<Long> ids = rows.values().stream().filter(row -> row.state() == State.PENDING
                && row.message().message().chatId().equals(chatId)).map(row -> row.message().id()).toList();
        ids.forEach(id -> markGivenUp(id, at, reason));
        return ids.size();
    }

    @Override
    public synchronized int purgeHandledBefore(Instant before) {
        List<Long> ids = rows.values().stream().filter(row -> row.state() != State.PENDING
                && row.handledAt().orElseThrow().isBefore(before)).map(row -> row.message().id()).toList();
        ids.forEach(rows::remove);
        return ids.size();
    }

    @Override
    public synchronized List<QueuedMessage> claim(String owner, long afterId, int limit, Instant now, Instant dueBy,
                                                  Instant leaseUntil, boolean includeOwn) {
        List<QueuedMessage> claimed = new ArrayList<>();
        for (Row row : rows.tailMap(afterId, false).values()) {
            if (claimed.size() >= limit) {
                break;
            }
            QueuedMessage message = row.message();
            Claim claim = claims.get(message.id());
            boolean claimable = claim == null || claim.leaseUntil().isBefore(now)
                    || (includeOwn && claim.owner().equals(owner));
            if (row.state() == State.PENDING && !message.notBefore().isAfter(dueBy) && claimable) {
                claims.put(message.id(), new Claim(owner, leaseUntil));
                claimed.add(message);
            }
        }
        return claimed;
    }

    @Override
    public synchronized int renewClaims(String owner, Instant leaseUntil) {
        int renewed = 0;
        for (Map.Entry<Long, Claim> entry : claims.entrySet()) {
            if (entry.getValue().owner().equals(owner) && rows.get(entry.getKey()).state() == State.PENDING) {
                entry.setValue(new Claim(owner, leaseUntil));
                renewed++;
            }
        }
        return renewed;
    }

    @Override
    public synchronized int releaseClaims(String owner, Collection<Long> ids) {
        int released = 0;
        for (long id : ids) {
            Claim claim = claims.get(id);
            if (claim != null && claim.owner().equals(owner) && rows.get(id).state() == State.PENDING) {
                claims.remove(id);
                released++;
            }
        }
        return released;
    }

    @Override
    public synchronized int releaseClaims(String owner) {
        return releaseClaims(owner, List.copyOf(claims.keySet()));
    }

    @Override
    public synchronized long countPendingDue(Instant dueBy) {
        return rows.values().stream().filter(row -> row.state() == State.PENDING
                && !row.message().notBefore().isAfter(dueBy)).count();
    }

    /** Who holds a row, if anyone. */
    public synchronized Optional<String> claimedBy(long id) {
        return Optional.ofNullable(claims.get(id)).map(Claim::owner);
    }

    public synchronized Optional<State> stateOf(long id) {
        return Optional.ofNullable(rows.get(id)).map(Row::state);
    }

    public synchronized List<Outgoing> all() {
        return rows.values().stream().map(row -> row.message().message()).toList();
    }

    private Row existing(long id) {
        Row row = rows.get(id);
        if (row == null) {
            throw new IllegalArgumentException("no message " + id);
        }
        return row;
    }
}
