package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.UpdateInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Received updates in {@code bot.inbox_updates}, the input as JSON ({@link PayloadJson}). Every operation is one
 * statement: a batch is stored by a single multi-row {@code INSERT … ON CONFLICT DO NOTHING RETURNING}, which is
 * atomic on its own and joins the caller's transaction when there is one.
 */
public final class JdbiUpdateInbox implements UpdateInbox {

    private static final short DONE = 1;
    private static final short FAILED = 2;

    private final Jdbi jdbi;

    public JdbiUpdateInbox(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public List<InboundUpdate> store(List<InboundUpdate> updates, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        // Sorted and without repeats, so the insert takes row locks in id order (no deadlock between two batches)
        // and a repeated id within one batch counts once, the first time.
        Map<Long, InboundUpdate> byId = new LinkedHashMap<>();
        updates.stream().sorted(Comparator.comparingLong(InboundUpdate::updateId))
                .forEach(update -> byId.putIfAbsent(update.updateId(), update));
        if (byId.isEmpty()) {
            return List.of();
        }
        int size = byId.size();
        long[] ids = new long[size];
        long[] chats = new long[size];
        String[] payloads = new String[size];
        int i = 0;
        for (InboundUpdate update : byId.values()) {
            ids[i] = update.updateId();
            chats[i] = update.input().sender().chatId().value();
            payloads[i] = PayloadJson.write(update.input());
            i++;
        }
        long[] inserted = Storage.call("store updates", () -> jdbi.withExtension(InboxDao.class,
                dao -> dao.insertNew(ids, chats, payloads, receivedAt)));
        // RETURNING promises no order; the port promises update-id order.
        Arrays.sort(inserted);
        List<InboundUpdate> fresh = new ArrayList<>(inserted.length);
        for (long id : inserted) {
            fresh.add(byId.get(id));
        }
        return fresh;
    }

    @Override
    public List<InboundUpdate> pending(long afterUpdateId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<InboxRow> rows = Storage.call("load pending updates",
                () -> jdbi.withExtension(InboxDao.class, dao -> dao.pending(afterUpdateId, limit)));
        return rows.stream().map(JdbiUpdateInbox::toUpdate).toList();
    }

    @Override
    public void markDone(long updateId, Instant at) {
        mark(updateId, DONE, at, null, "mark an update done");
    }

    @Override
    public void markFailed(long updateId, Instant at, String error) {
        Objects.requireNonNull(error, "error");
        mark(updateId, FAILED, at, error, "mark an update failed");
    }

    @Override
    public int purgeHandledBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        return Storage.call("purge handled updates",
                () -> jdbi.withExtension(InboxDao.class, dao -> dao.purgeHandledBefore(before)));
    }

    private void mark(long updateId, short state, Instant at, String error, String action) {
        Objects.requireNonNull(at, "at");
        int changed = Storage.call(action,
                () -> jdbi.withExtension(InboxDao.class, dao -> dao.mark(updateId, state, at, error)));
        if (changed == 0) {
            throw new IllegalArgumentException("no update " + updateId);
        }
    }

    private static InboundUpdate toUpdate(InboxRow row) {
        try {
            return new InboundUpdate(row.updateId(), PayloadJson.readChatInput(row.payload()));
        } catch (RuntimeException e) {
            throw Storage.corrupt("update " + row.updateId(), e);
        }
    }
}
