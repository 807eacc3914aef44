package io.mentorium.application.testing;

import io.mentorium.application.port.out.Broadcasts;
import io.mentorium.domain.shared.TelegramUserId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

public final class InMemoryBroadcasts implements Broadcasts {

    private final Map<Long, Broadcast> broadcasts = new LinkedHashMap<>();
    private final Set<String> recipients = new HashSet<>();
    private long nextId = 1;

    @Override
    public synchronized long create(TelegramUserId author, String text, Instant at) {
        long id = nextId++;
        broadcasts.put(id, new Broadcast(id, author, text, State.DRAFT, Optional.empty(), at));
        return id;
    }

    @Override
    public synchronized Optional<Broadcast> find(long id) {
        return Optional.ofNullable(broadcasts.get(id));
    }

    @Override
    public synchronized boolean confirm(long id, Instant at) {
        return move(id, State.DRAFT, State.CONFIRMED);
    }

    @Override
    public synchronized boolean cancel(long id, Instant at) {
        return move(id, State.DRAFT, State.CANCELLED);
    }

    @Override
    public synchronized List<Broadcast> undelivered(int limit) {
        return broadcasts.values().stream().filter(b -> b.state() == State.CONFIRMED).limit(limit).toList();
    }

    @Override
    public synchronized Set<TelegramUserId> claimRecipients(long id, Collection<TelegramUserId> parents, Instant at) {
        Set<TelegramUserId> claimed = new LinkedHashSet<>();
        for (TelegramUserId parent : parents) {
            if (recipients.add(id + ":" + parent.value())) {
                claimed.add(parent);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void advance(long id, TelegramUserId lastParent) {
        Broadcast b = broadcasts.get(id);
        broadcasts.put(id, new Broadcast(id, b.author(), b.text(), b.state(), Optional.of(lastParent), b.createdAt()));
    }

    @Override
    public synchronized boolean markDelivered(long id, Instant at) {
        return move(id, State.CONFIRMED, State.DELIVERED);
    }

    @Override
    public synchronized long recipientCount(long id) {
        return recipients.stream().filter(key -> key.startsWith(id + ":")).count();
    }

    private boolean move(long id, State from, State to) {
        Broadcast b = broadcasts.get(id);
        if (b == null || b.state() != from) {
            return false;
        }
        broadcasts.put(id, new Broadcast(id, b.author(), b.text(), to, b.cursor(), b.createdAt()));
        return true;
    }
}
