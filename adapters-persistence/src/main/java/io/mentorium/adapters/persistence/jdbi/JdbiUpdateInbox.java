package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.in.InboundUpdate;
import io.mentorium.application.port.out.UpdateInbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Received updates in {@code bot.inbox_updates}, the input as ASCII-only JSON text ({@link PayloadJson}), which the
 * column accepts whatever the parent sent. Every operation is one statement: a batch is stored by a single multi-row
 * {@code INSERT … ON CONFLICT DO NOTHING}, which is atomic on its own and joins the caller's transaction when there is
 * one. Set-aside updates go to {@code bot.dead_letters}.
 */
public final class JdbiUpdateInbox implements UpdateInbox {

    /**
     * How long an update id is kept after its content is scrubbed: Telegram keeps an unconfirmed update for 24 hours,
     * so an update stored but not yet confirmed when the bot died may come again up to that long after it was
     * received, and it was handled after it was received.
     */
    static final Duration REDELIVERY_WINDOW = Duration.ofHours(24);

    private static final String MARK_DONE =
            "UPDATE bot.inbox_updates SET state = 1, handled_at = ? WHERE update_id = ? AND state = 0";
    private static final String MARK_ALL_DONE = "UPDATE bot.inbox_updates SET state = 1, handled_at = ?"
            + " WHERE update_id = ANY (?) AND state = 0 RETURNING update_id";
    private static final String REOPEN =
            "UPDATE bot.inbox_updates SET state = 0, handled_at = NULL WHERE update_id = ANY (?) AND state = 1";

    // A whole batch in one statement: the columns travel as three arrays, unnest turns them back into rows. The second
    // part sees the table as it was before the insert (one snapshot for the whole statement), so it adds exactly the
    // rows an earlier attempt stored that still wait to be handled. Plain JDBC (HotPath): it runs for every batch, on
    // the polling thread.
    private static final String STORE = """
            WITH input AS (
                SELECT u.update_id, u.chat_id, u.payload
                  FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]))
                       AS u(update_id, chat_id, payload)
            ), inserted AS (
                INSERT INTO bot.inbox_updates (update_id, chat_id, payload, received_at)
                SELECT update_id, chat_id, payload, ? FROM input ORDER BY update_id
                ON CONFLICT (update_id) DO NOTHING
                RETURNING update_id
            )
            SELECT update_id, true AS fresh FROM inserted
            UNION ALL
            SELECT i.update_id, false AS fresh
              FROM bot.inbox_updates i
             WHERE i.update_id = ANY (CAST(? AS bigint[])) AND i.state = 0
            """;

    private final Jdbi jdbi;

    public JdbiUpdateInbox(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public Stored store(List<InboundUpdate> updates, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        // Sorted and without repeats, so the insert takes row locks in id order (no deadlock between two batches)
        // and a repeated id within one batch counts once, the first time.
        Map<Long, InboundUpdate> byId = new LinkedHashMap<>();
        updates.stream().sorted(Comparator.comparingLong(InboundUpdate::updateId))
                .forEach(update -> byId.putIfAbsent(update.updateId(), update));
        if (byId.isEmpty()) {
            return new Stored(List.of(), 0);
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
        List<InboxDao.StoredRow> rows = HotPath.query(jdbi, "store updates", STORE, (statement, connection) -> {
            HotPath.setLongs(statement, 1, ids);
            HotPath.setLongs(statement, 2, chats);
            HotPath.setTexts(statement, 3, payloads);
            HotPath.setInstant(statement, 4, receivedAt);
            HotPath.setLongs(statement, 5, ids);
        }, found -> {
            List<InboxDao.StoredRow> stored = new ArrayList<>(size);
            while (found.next()) {
                stored.add(new InboxDao.StoredRow(found.getLong(1), found.getBoolean(2)));
            }
            return stored;
        });
        int fresh = 0;
        List<InboundUpdate> toHandle = new ArrayList<>(rows.size());
        for (InboxDao.StoredRow row : rows) {
            fresh += row.fresh() ? 1 : 0;
            toHandle.add(byId.get(row.updateId()));
        }
        // RETURNING and UNION promise no order; the port promises update-id order.
        toHandle.sort(Comparator.comparingLong(InboundUpdate::updateId));
        return new Stored(toHandle, fresh);
    }

    @Override
    public List<Pending> pending(long afterUpdateId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<InboxRow> rows = Storage.call("load pending updates",
                () -> jdbi.withExtension(InboxDao.class, dao -> dao.pending(afterUpdateId, limit)));
        return rows.stream().map(JdbiUpdateInbox::toPending).toList();
    }

    @Override
    public boolean markDone(long updateId, Instant at) {
        Objects.requireNonNull(at, "at");
        return HotPath.update(jdbi, "mark an update done", MARK_DONE, (statement, connection) -> {
            HotPath.setInstant(statement, 1, at);
            statement.setLong(2, updateId);
        }) == 1;
    }

    @Override
    public Set<Long> markDone(Collection<Long> updateIds, Instant at) {
        Objects.requireNonNull(at, "at");
        if (updateIds.isEmpty()) {
            return Set.of();
        }
        long[] ids = updateIds.stream().mapToLong(Long::longValue).toArray();
        return HotPath.query(jdbi, "mark updates done", MARK_ALL_DONE, (statement, connection) -> {
            HotPath.setInstant(statement, 1, at);
            HotPath.setLongs(statement, 2, ids);
        }, rows -> {
            Set<Long> marked = new HashSet<>();
            while (rows.next()) {
                marked.add(rows.getLong(1));
            }
            return marked;
        });
    }

    @Override
    public void reopen(Collection<Long> updateIds) {
        if (updateIds.isEmpty()) {
            return;
        }
        long[] ids = updateIds.stream().mapToLong(Long::longValue).toArray();
        HotPath.update(jdbi, "reopen updates", REOPEN,
                (statement, connection) -> HotPath.setLongs(statement, 1, ids));
    }

    @Override
    public boolean quarantine(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        return Storage.call("quarantine an update", () -> jdbi.withExtension(InboxDao.class,
                dao -> dao.quarantine(letter.updateId(), letter.chatId(),
                        letter.stage().name().toLowerCase(Locale.ROOT), letter.reason(), letter.at())));
    }

    @Override
    public int purgeHandledBefore(Instant before) {
        Objects.requireNonNull(before, "before");
        Instant forgetBefore = before.minus(REDELIVERY_WINDOW);
        int deleted = Storage.inChunks("delete handled updates", Storage.RETENTION_CHUNK, () -> jdbi.withExtension(
                InboxDao.class, dao -> dao.deleteHandledBefore(forgetBefore, Storage.RETENTION_CHUNK)));
        int scrubbed = Storage.inChunks("scrub handled updates", Storage.RETENTION_CHUNK, () -> jdbi.withExtension(
                InboxDao.class, dao -> dao.scrubHandledBefore(before, Storage.RETENTION_CHUNK)));
        return deleted + scrubbed;
    }

    private static Pending toPending(InboxRow row) {
        if (row.payload() == null) {
            return new Pending.Unreadable(row.updateId(), row.chatId(), "pending update without content");
        }
        try {
            return new Pending.Readable(new InboundUpdate(row.updateId(), PayloadJson.readChatInput(row.payload())));
        } catch (RuntimeException e) {
            // The message says what failed to decode, never the payload itself (see PayloadJson).
            return new Pending.Unreadable(row.updateId(), row.chatId(), "undecodable payload: " + e.getMessage());
        }
    }
}
