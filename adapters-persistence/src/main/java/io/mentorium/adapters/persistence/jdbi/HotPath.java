package io.mentorium.adapters.persistence.jdbi;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import io.mentorium.domain.shared.TelegramUserId;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.util.PGobject;

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
        return query(jdbi, action, sql, (statement, connection) -> setLongs(statement, 1, ids),
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

    /**
     * Binds a {@code timestamptz} as the driver binds an {@code OffsetDateTime} — the same text, rounded to the
     * microsecond the same way, with the same type — without the driver's per-statement date helper, which built a
     * {@code GregorianCalendar} for every statement that bound an instant (1 % of the bot's samples on the update path,
     * docs/PERFORMANCE.md).
     */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        String text = instant == null ? null : timestampText(instant);
        if (text == null) {
            statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            return;
        }
        PGobject value = new PGobject();
        value.setType("timestamptz");
        value.setValue(text);
        statement.setObject(index, value);
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00}, the instant rounded half up to the microsecond (as the driver rounds);
     * null outside the years 1 to 9999, which the driver's own path writes with an era or more digits.
     */
    static String timestampText(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return null;
        }
        Instant rounded = instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
        LocalDateTime time = LocalDateTime.ofEpochSecond(rounded.getEpochSecond(), rounded.getNano(), ZoneOffset.UTC);
        if (time.getYear() > 9999) {
            return null;
        }
        byte[] text = "0000-00-00 00:00:00.000000+00".getBytes(StandardCharsets.ISO_8859_1);
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 6, time.getNano() / 1_000);
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    private static final long FIRST_SECOND = LocalDate.of(1, 1, 1).toEpochDay() * 86_400;
    private static final long LAST_SECOND = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400 + 86_399;

    private static void digits(byte[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    public static Instant getInstant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * Binds a {@code bigint[]}. Given as a primitive array, the driver writes it in binary as it is; through
     * {@code createArrayOf} each value was boxed, the element type looked up by name, and the array bound again
     * (together 3 % of the chat workers' samples on the update path, docs/PERFORMANCE.md).
     */
    static void setLongs(PreparedStatement statement, int index, long[] values) throws SQLException {
        statement.setObject(index, values);
    }

    /** Binds a {@code bigint[]} whose values may be null, in binary as {@link #setLongs} does. */
    static void setLongs(PreparedStatement statement, int index, Long[] values) throws SQLException {
        statement.setObject(index, values);
    }

    /**
     * Binds a text array (sent as {@code varchar[]}, which the statements cast or compare with text), in binary:
     * through {@code createArrayOf} every value was written into an array literal, each backslash of the JSON payloads'
     * escapes doubled, and parsed back by the server.
     */
    public static void setTexts(PreparedStatement statement, int index, String[] values) throws SQLException {
        statement.setObject(index, values);
    }
}
