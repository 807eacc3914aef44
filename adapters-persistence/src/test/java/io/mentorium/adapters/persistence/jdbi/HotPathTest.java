package io.mentorium.adapters.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.MigratedDatabase;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hot path binds instants and arrays its own way, cheaper than the driver's: the database must see exactly what the
 * driver's own binding gave it.
 */
class HotPathTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("2026-12-05T08:35:00Z"),
            Instant.parse("2026-12-05T08:35:00.123456Z"),
            Instant.parse("2026-12-05T08:35:00.123456499Z"),
            Instant.parse("2026-12-05T08:35:00.1234565Z"),
            Instant.parse("2026-12-31T23:59:59.9999995Z"),
            Instant.parse("2024-02-29T12:00:00.000001Z"),
            Instant.EPOCH,
            Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"),
            Instant.parse("9999-12-31T23:59:59.9999996Z"),
            Instant.parse("0000-12-31T23:59:59Z"),
            Instant.parse("+10000-01-01T00:00:00Z"));

    @Test
    void anInstantIsWrittenAsTheDriverWritesItRoundedHalfUpToTheMicrosecond() {
        assertThat(HotPath.timestampText(Instant.parse("2026-12-05T08:35:07.123456789Z")))
                .isEqualTo("2026-12-05 08:35:07.123457+00");
        assertThat(HotPath.timestampText(Instant.parse("2026-12-05T08:35:07.1234564Z")))
                .isEqualTo("2026-12-05 08:35:07.123456+00");
        assertThat(HotPath.timestampText(Instant.parse("2026-12-31T23:59:59.9999995Z")))
                .isEqualTo("2027-01-01 00:00:00.000000+00");
        assertThat(HotPath.timestampText(Instant.EPOCH)).isEqualTo("1970-01-01 00:00:00.000000+00");
        // Outside the years 1 to 9999 the driver's own path writes them.
        assertThat(HotPath.timestampText(Instant.parse("0000-12-31T23:59:59Z"))).isNull();
        assertThat(HotPath.timestampText(Instant.parse("9999-12-31T23:59:59.9999996Z"))).isNull();
        assertThat(HotPath.timestampText(Instant.MAX)).isNull();
        assertThat(HotPath.timestampText(Instant.MIN)).isNull();
    }

    @Test
    void theDatabaseReadsEveryInstantAsItReadsTheDriversOwnBinding() throws SQLException {
        List<String> ours = new ArrayList<>();
        List<String> drivers = new ArrayList<>();
        db.jdbi().<SQLException>useHandle(handle -> {
            try (PreparedStatement statement = handle.getConnection().prepareStatement(
                    "SELECT CAST(? AS timestamptz)::text, CAST(? AS timestamptz)::text")) {
                for (Instant instant : INSTANTS) {
                    HotPath.setInstant(statement, 1, instant);
                    statement.setObject(2, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        ours.add(row.getString(1));
                        drivers.add(row.getString(2));
                    }
                }
                HotPath.setInstant(statement, 1, null);
                statement.setObject(2, null);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    ours.add(row.getString(1));
                    drivers.add(row.getString(2));
                }
            }
        });
        assertThat(ours).hasSize(INSTANTS.size() + 1).containsExactlyElementsOf(drivers);
        assertThat(ours.getLast()).isNull();
    }

    @Test
    void arraysBoundInBinaryArriveWholeNullsAndEscapesIncluded() throws SQLException {
        long[] longs = {Long.MIN_VALUE, -1, 0, 42, Long.MAX_VALUE};
        Long[] withNulls = {7L, null, 9L};
        String[] texts = {"plain", "with \"quotes\" and \\ backslash", "{\"type\":\"text\",\"text\":\"\\u0410\"}",
                "", "NULL", "Ўзбек тили 👧", null};
        db.jdbi().<SQLException>useHandle(handle -> {
            try (PreparedStatement statement = handle.getConnection().prepareStatement(
                    "SELECT CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]), 42 = ANY (?)")) {
                HotPath.setLongs(statement, 1, longs);
                HotPath.setLongs(statement, 2, withNulls);
                HotPath.setTexts(statement, 3, texts);
                HotPath.setLongs(statement, 4, longs);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    assertThat(values(row.getArray(1))).containsExactly(Arrays.stream(longs).boxed().toArray());
                    assertThat(values(row.getArray(2))).containsExactly((Object[]) withNulls);
                    assertThat(values(row.getArray(3))).containsExactly((Object[]) texts);
                    assertThat(row.getBoolean(4)).isTrue();
                }
            }
        });
    }

    private static Object[] values(Array array) throws SQLException {
        return (Object[]) array.getArray();
    }
}
