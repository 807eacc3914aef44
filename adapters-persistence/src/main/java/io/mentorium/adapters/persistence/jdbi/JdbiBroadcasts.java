package io.mentorium.adapters.persistence.jdbi;

import io.mentorium.application.port.out.Broadcasts;
import io.mentorium.domain.shared.TelegramUserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Announcements in {@code bot.broadcasts}, recipients in {@code bot.broadcast_recipients}. A page of recipients is
 * claimed in one statement ({@code ON CONFLICT DO NOTHING RETURNING}): the parents it returns are exactly those no
 * earlier (or concurrent, committed) run claimed.
 */
public final class JdbiBroadcasts implements Broadcasts {

    private static final String COLUMNS = "id, author_id, text, state, cursor_id, created_at";

    private final Jdbi jdbi;

    public JdbiBroadcasts(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public long create(TelegramUserId author, String text, Instant at) {
        return Storage.call("store an announcement", () -> jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO bot.broadcasts (author_id, text, state, created_at)
                        VALUES (:author, :text, 'DRAFT', :at) RETURNING id
                        """)
                .bind("author", author.value()).bind("text", text).bind("at", at).mapTo(Long.class).one()));
    }

    @Override
    public Optional<Broadcast> find(long id) {
        return Storage.call("load an announcement", () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM bot.broadcasts WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne()));
    }

    @Override
    public boolean confirm(long id, Instant at) {
        return move(id, "DRAFT", "CONFIRMED", "decided_at", at);
    }

    @Override
    public boolean cancel(long id, Instant at) {
        return move(id, "DRAFT", "CANCELLED", "decided_at", at);
    }

    @Override
    public boolean markDelivered(long id, Instant at) {
        return move(id, "CONFIRMED", "DELIVERED", "delivered_at", at);
    }

    private boolean move(long id, String from, String to, String column, Instant at) {
        return Storage.call("change an announcement", () -> jdbi.withHandle(handle -> handle.createUpdate(
                        "UPDATE bot.broadcasts SET state = :to, " + column + " = :at WHERE id = :id AND state = :from")
                .bind("id", id).bind("from", from).bind("to", to).bind("at", at).execute())) == 1;
    }

    @Override
    public List<Broadcast> undelivered(int limit) {
        return Storage.call("load undelivered announcements", () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT " + COLUMNS + " FROM bot.broadcasts WHERE state = 'CONFIRMED' ORDER BY id "
                        + "LIMIT :limit")
                .bind("limit", limit).map((rs, ctx) -> row(rs)).list()));
    }

    @Override
    public Set<TelegramUserId> claimRecipients(long id, Collection<TelegramUserId> parents, Instant at) {
        long[] ids = parents.stream().mapToLong(TelegramUserId::value).sorted().toArray();
        if (ids.length == 0) {
            return Set.of();
        }
        List<Long> claimed = Storage.call("claim announcement recipients", () -> jdbi.withHandle(handle -> handle
                .createQuery("""
                        INSERT INTO bot.broadcast_recipients (broadcast_id, parent_id, queued_at)
                        SELECT :id, parent, :at FROM unnest(:ids) AS parent
                        ON CONFLICT (broadcast_id, parent_id) DO NOTHING
                        RETURNING parent_id
                        """)
                .bind("id", id).bind("ids", ids).bind("at", at).mapTo(Long.class).list()));
        Set<TelegramUserId> result = new LinkedHashSet<>();
        claimed.stream().sorted().forEach(parent -> result.add(new TelegramUserId(parent)));
        return result;
    }

    @Override
    public void advance(long id, TelegramUserId lastParent) {
        Storage.run("advance an announcement", () -> jdbi.useHandle(handle -> handle
                .createUpdate("UPDATE bot.broadcasts SET cursor_id = :cursor WHERE id = :id")
                .bind("id", id).bind("cursor", lastParent.value()).execute()));
    }

    @Override
    public long recipientCount(long id) {
        return Storage.call("count announcement recipients", () -> jdbi.withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM bot.broadcast_recipients WHERE broadcast_id = :id")
                .bind("id", id).mapTo(Long.class).one()));
    }

    private static Broadcast row(ResultSet rs) throws SQLException {
        long cursor = rs.getLong("cursor_id");
        Optional<TelegramUserId> after = rs.wasNull() ? Optional.empty() : Optional.of(new TelegramUserId(cursor));
        try {
            return new Broadcast(rs.getLong("id"), new TelegramUserId(rs.getLong("author_id")), rs.getString("text"),
                    State.valueOf(rs.getString("state")), after,
                    rs.getObject("created_at", OffsetDateTime.class).toInstant());
        } catch (RuntimeException e) {
            throw Storage.corrupt("announcement", e);
        }
    }
}
