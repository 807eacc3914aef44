package io.mentorium.application.testing;

import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.UpdateInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The inbox in memory, with the adapter's semantics (conditional marks, dead letters, scrub then forget). */
public final class InMemoryUpdateInbox implements UpdateInbox {

    public enum State { PENDING, DONE, FAILED }

    /** As the Jdbi adapter: update ids outlive their content by Telegram's redelivery window. */
    public static final Duration REDELIVERY_WINDOW = Duration.ofHours(24);

    private record Row(Optional<InboundUpdate> update, long chatId, Instant receivedAt, State state,
                       Optional<Instant> handledAt, Optional<String> error) {
    }

    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final TreeMap<Long, DeadLetter> deadLetters = new TreeMap<>();

    @Override
    public synchronized Stored store(List<InboundUpdate> updates, Instant receivedAt) {
        List<InboundUpdate> toHandle = new ArrayList<>();
        int fresh = 0;
        for (InboundUpdate update : updates.stream().sorted(Comparator.comparingLong(InboundUpdate::updateId))
                .toList()) {
            Row row = rows.get(update.updateId());
            if (row == null) {
                rows.put(update.updateId(), new Row(Optional.of(update), update.input().sender().chatId().value(),
                        receivedAt, State.PENDING, Optional.empty(), Optional.empty()));
                toHandle.add(update);
                fresh++;
            } else if (row.state() == State.PENDING && !toHandle.contains(update)) {
                toHandle.add(update);
            }
        }
        return new Stored(toHandle, fresh);
    }

    @Override
    public synchronized List<Pending> pending(long afterUpdateId, int limit) {
        return rows.tailMap(afterUpdateId, false).values().stream().filter(row -> row.state() == State.PENDING)
                .limit(limit).<Pending>map(row -> new Pending.Readable(row.update().orElseThrow())).toList();
    }

    @Override
    public synchronized boolean markDone(long updateId, Instant at) {
        return change(updateId, State.DONE, at, Optional.empty());
    }

    @Override
    public synchronized void reopen(Collection<Long> updateIds) {
        for (long updateId : updateIds) {
            Row row = rows.get(updateId);
            if (row != null && row.state() == State.DONE) {
                rows.put(updateId, new Row(row.update(), row.chatId(), row.receivedAt(), State.PENDING,
                        Optional.empty(), Optional.empty()));
                FakeTransaction.onRollback(() -> {
                    synchronized (this) {
                        rows.put(updateId, row);
                    }
                });
            }
        }
    }

    @Override
    public synchronized boolean quarantine(DeadLetter letter) {
        if (deadLetters.putIfAbsent(letter.updateId(), letter) == null) {
            FakeTransaction.onRollback(() -> {
                synchronized (this) {
                    deadLetters.remove(letter.updateId());
                }
            });
        }
        if (!rows.containsKey(letter.updateId())) {
            return true;
        }
        return change(letter.updateId(), State.FAILED, letter.at(), Optional.of(letter.reason()));
    }

    @Override
    public synchronized int purgeHandledBefore(Instant before) {
        int count = 0;
        Instant forgetBefore = before.minus(REDELIVERY_WINDOW);
        for (var it = rows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Row> entry = it.next();
            Row row = entry.getValue();
            if (row.state() == State.PENDING) {
                continue;
            }
            if (row.handledAt().orElseThrow().isBefore(forgetBefore)) {
                it.remove();
                count++;
            } else if (row.update().isPresent() && row.handledAt().orElseThrow().isBefore(before)) {
                entry.setValue(new Row(Optional.empty(), row.chatId(), row.receivedAt(), row.state(),
                        row.handledAt(), row.error()));
                count++;
            }
        }
        return count;
    }

    public synchronized Optional<State> stateOf(long updateId) {
        return Optional.ofNullable(rows.get(updateId)).map(Row::state);
    }

    public synchronized Optional<String> errorOf(long updateId) {
        return Optional.ofNullable(rows.get(updateId)).flatMap(Row::error);
    }

    public synchronized boolean hasContent(long updateId) {
        return Optional.ofNullable(rows.get(updateId)).flatMap(Row::update).isPresent();
    }

    public synchronized Optional<DeadLetter> deadLetter(long updateId) {
        return Optional.ofNullable(deadLetters.get(updateId));
    }

    public synchronized List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters.values());
    }

    private boolean change(long updateId, State state, Instant at, Optional<String> error) {
        Row row = rows.get(updateId);
        if (row == null || row.state() != State.PENDING) {
            return false;
        }
        rows.put(updateId, new Row(row.update(), row.chatId(), row.receivedAt(), state, Optional.of(at), error));
        FakeTransaction.onRollback(() -> {
            synchronized (this) {
                rows.put(updateId, row);
            }
        });
        return true;
    }
}
