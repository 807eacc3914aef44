package io.mentorium.application.testing;

import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.UpdateInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The inbox in memory; thread-safe. */
public final class InMemoryUpdateInbox implements UpdateInbox {

    public enum State { PENDING, DONE, FAILED }

    private record Row(InboundUpdate update, Instant receivedAt, State state, Optional<Instant> handledAt,
                       Optional<String> error) {
    }

    private final TreeMap<Long, Row> rows = new TreeMap<>();

    @Override
    public synchronized List<InboundUpdate> store(List<InboundUpdate> updates, Instant receivedAt) {
        List<InboundUpdate> fresh = new ArrayList<>();
        for (InboundUpdate update : updates.stream().sorted(Comparator.comparingLong(InboundUpdate::updateId)).toList()) {
            if (!rows.containsKey(update.updateId())) {
                rows.put(update.updateId(), new Row(update, receivedAt, State.PENDING, Optional.empty(), Optional.empty()));
                fresh.add(update);
            }
        }
        return fresh;
    }

    @Override
    public synchronized List<InboundUpdate> pending(long afterUpdateId, int limit) {
        return rows.tailMap(afterUpdateId, false).values().stream().filter(row -> row.state() == State.PENDING)
                .limit(limit).map(Row::update).toList();
    }

    @Override
    public synchronized void markDone(long updateId, Instant at) {
        change(updateId, State.DONE, at, Optional.empty());
    }

    @Override
    public synchronized void markFailed(long updateId, Instant at, String error) {
        change(updateId, State.FAILED, at, Optional.of(error));
    }

    @Override
    public synchronized int purgeHandledBefore(Instant before) {
        var gone = rows.values().stream().filter(row -> row.state() != State.PENDING
                && row.handledAt().orElseThrow().isBefore(before)).map(row -> row.update().updateId()).toList();
        gone.forEach(rows::remove);
        return gone.size();
    }

    public synchronized Optional<State> stateOf(long updateId) {
        return Optional.ofNullable(rows.get(updateId)).map(Row::state);
    }

    public synchronized Optional<String> errorOf(long updateId) {
        return Optional.ofNullable(rows.get(updateId)).flatMap(Row::error);
    }

    private void change(long updateId, State state, Instant at, Optional<String> error) {
        Row row = rows.get(updateId);
        if (row == null) {
            throw new IllegalArgumentException("no update " + updateId);
        }
        rows.put(updateId, new Row(row.update(), row.receivedAt(), state, Optional.of(at), error));
    }
}
