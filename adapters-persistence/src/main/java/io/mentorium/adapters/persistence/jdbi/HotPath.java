package io.mentorium.adapters.persistence.jdbi;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import io.mentorium.domain.shared.TelegramUserId;
import org.jdbi.v3.core.Jdbi;

/**
 * Plain JDBC for the few statements every update runs (mark done, find the parent and the conversation, queue the
 * replies, mark them sent) and every answer of the assistant runs, on the connection of the Jdbi handle that is open on
 * this thread — so they join the caller's transaction exactly as the SqlObject calls do. The platform readers use it
 * for the reads a chat's turn makes. What may write is counted in {@link WriteTally}, as Jdbi's statements are: plain
 * JDBC elsewhere must tell it too.
 *
 * <p>Why not SqlObject here: profiling the bot under load (docs/PERFORMANCE.md) showed Jdbi's per-call set-up of a
 * SqlObject extension and its named-argument binding taking over half of the bot's CPU and most of its allocation,
 * for statements that run thousands of times a second. Everything else stays on Jdbi.
 */
public final class HotPath {

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement, Connection connection) throws SQLException;
    }

    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** What one parent's rows make: {@code found} so far and the current row folded into it. */
    @FunctionalInterface
    interface Fold<V> {
        V fold(V found, ResultSet row) throws SQLException;
    }

    private HotPath() {
    }

    public static <T> T query(Jdbi jdbi, String action, String sql, Binder binder, Reader<T> reader) {
        return Storage.call(action, () -> jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement, connection);
                WriteTally.running(sql);
                try (ResultSet rows = statement.executeQuery()) {
                    return reader.read(rows);
                }
            } catch (SQLException e) {
                throw Storage.failure(action, e);
            }
        }));
    }

    /**
     * The rows of {@code sql}, whose one parameter is the parents' ids ({@code = ANY (?)}) and whose rows name theirs
     * in {@code parent_id}, folded per parent: every given parent a key, one without rows at {@code none}. No
     * statement for no parents.
     */
    static <V> Map<Long, V> perParent(Jdbi jdbi, String action, String sql, Collection<TelegramUserId> parentIds,
                                      Supplier<V> none, Fold<V> fold) {
        long[] ids = parentIds.stream().mapToLong(TelegramUserId::value).distinct().toArray();
        Map<Long, V> byParent = new LinkedHashMap<>();
        for (long id : ids) {
            byParent.put(id, none.get());
        }
        if (ids.length == 0) {
            return byParent;
        }
        return query(jdbi, action, sql, (statement, connection) -> statement.setArray(1, longs(connection, ids)),
                rows -> {
                    while (rows.next()) {
                        long parent = rows.getLong("parent_id");
                        byParent.put(parent, fold.fold(byParent.get(parent), rows));
                    }
                    return byParent;
                });
    }

    static int update(Jdbi jdbi, String action, String sql, Binder binder) {
        return Storage.call(action, () -> jdbi.withHandle(handle -> {
            Connection connection = handle.getConnection();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement, connection);
                WriteTally.writing(sql);
                return statement.executeUpdate();
            } catch (SQLException e) {
                throw Storage.failure(action, e);
            }
        }));
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static Instant getInstant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Array longs(Connection connection, long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return connection.createArrayOf("bigint", boxed);
    }

    public static Array texts(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }
}
