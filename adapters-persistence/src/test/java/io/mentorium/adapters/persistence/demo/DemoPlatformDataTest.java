package io.mentorium.adapters.persistence.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mentorium.adapters.persistence.demo.DemoPlatformData.CodeExpiry;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.Family;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.Learner;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.LinkCode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoPlatformDataTest {

    /** A Wednesday morning in Tashkent. */
    private static final Instant NOW = Instant.parse("2026-03-18T04:30:00Z");
    private static final long SEED = 7;
    private static final List<String> TABLES =
            List.of("learners", "guardians", "link_codes", "courses", "enrollments", "activities");

    private static final TestDatabase.Database DB = TestDatabase.freshDatabase();

    @BeforeAll
    static void installOnce() {
        DemoPlatformData.install(DB.dataSource(), "platform", SEED, NOW);
    }

    @Test
    void relationsHaveTheContractShape() throws SQLException {
        Map<String, List<String>> columns = new TreeMap<>();
        for (List<String> row : rows("""
                SELECT table_name, column_name || ' ' || data_type
                       || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
                       || CASE is_nullable WHEN 'NO' THEN ' not null' ELSE '' END
                FROM information_schema.columns
                WHERE table_schema = 'platform' AND table_name NOT LIKE 'platform_demo_%'
                ORDER BY table_name, ordinal_position""")) {
            columns.computeIfAbsent(row.get(0), t -> new ArrayList<>()).add(row.get(1));
        }
        assertThat(columns).containsOnlyKeys(TABLES);
        assertThat(columns.get("learners")).containsExactly("id text not null", "full_name text not null",
                "grade text", "timezone text not null", "active boolean not null");
        assertThat(columns.get("guardians")).containsExactly("learner_id text not null", "email text not null");
        assertThat(columns.get("link_codes")).containsExactly("learner_id text not null", "code text not null",
                "expires_at timestamp with time zone");
        assertThat(columns.get("courses")).containsExactly("id text not null", "title text not null",
                "subject text not null");
        assertThat(columns.get("enrollments")).containsExactly("learner_id text not null",
                "course_id text not null", "enrolled_at timestamp with time zone not null",
                "progress_percent numeric(5,2) not null");
        assertThat(columns.get("activities")).containsExactly("id bigint(64,0) not null",
                "learner_id text not null", "course_id text", "kind text not null", "title text not null",
                "score numeric(5,2)", "duration_seconds integer(32,0) not null",
                "occurred_at timestamp with time zone not null");

        assertThat(rows("""
                SELECT tc.table_name, string_agg(kcu.column_name, ',' ORDER BY kcu.ordinal_position)
                FROM information_schema.table_constraints tc
                JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
                WHERE tc.table_schema = 'platform' AND tc.constraint_type = 'PRIMARY KEY'
                  AND tc.table_name NOT LIKE 'platform_demo_%'
                GROUP BY tc.table_name ORDER BY tc.table_name""")).containsExactly(
                List.of("activities", "id"), List.of("courses", "id"), List.of("enrollments", "learner_id,course_id"),
                List.of("guardians", "learner_id,email"), List.of("learners", "id"),
                List.of("link_codes", "learner_id,code"));

        assertThat(rows("""
                SELECT column_name, column_default FROM information_schema.columns
                WHERE table_schema = 'platform' AND column_default IS NOT NULL ORDER BY table_name, column_name"""))
                .contains(List.of("timezone", "'Asia/Tashkent'::text"), List.of("active", "true"));
    }

    @Test
    void theSameSeedAndInstantGiveTheSameRowsAndAnotherSeedOthers() throws SQLException {
        DemoPlatformData.install(DB.dataSource(), "platform_same", SEED, NOW);
        DemoPlatformData.install(DB.dataSource(), "platform_other", SEED + 1, NOW);

        assertThat(checksums("platform_same")).isEqualTo(checksums("platform"));
        Map<String, String> other = checksums("platform_other");
        assertThat(other.get("activities")).isNotEqualTo(checksums("platform").get("activities"));
        // the documented part does not depend on the seed
        for (String fixed : List.of("learners", "guardians", "link_codes", "courses")) {
            assertThat(other.get(fixed)).as(fixed).isEqualTo(checksums("platform").get(fixed));
        }
    }

    @Test
    void installingAgainReplacesRatherThanDuplicates() throws SQLException {
        DemoPlatformData.install(DB.dataSource(), "platform_twice", SEED, NOW);
        Map<String, String> once = checksums("platform_twice");
        Map<String, Long> counts = counts("platform_twice");

        DemoPlatformData.install(DB.dataSource(), "platform_twice", SEED, NOW);
        assertThat(checksums("platform_twice")).isEqualTo(once);

        DemoPlatformData.install(DB.dataSource(), "platform_twice", SEED, NOW.plus(Duration.ofDays(10)));
        Map<String, Long> later = counts("platform_twice");
        assertThat(later.get("learners")).isEqualTo(counts.get("learners")).isEqualTo(7L);
        assertThat(later.get("guardians")).isEqualTo(counts.get("guardians"));
        assertThat(later.get("link_codes")).isEqualTo(counts.get("link_codes"));
        assertThat(later.get("enrollments")).isEqualTo(counts.get("enrollments"));
        assertThat(single("SELECT max(occurred_at) > ? FROM platform_twice.activities", ts(NOW))).isEqualTo("t");
    }

    @Test
    void eightWeeksOfPlausibleActivityEndBeforeNow() throws SQLException {
        assertThat(single("SELECT min(occurred_at) <= ? FROM platform.activities",
                ts(NOW.minus(Duration.ofDays(55))))).isEqualTo("t");
        assertThat(single("SELECT max(occurred_at) < ? FROM platform.activities", ts(NOW))).isEqualTo("t");
        assertThat(Integer.parseInt(single(
                "SELECT count(DISTINCT date_trunc('week', occurred_at)) FROM platform.activities"))).isGreaterThanOrEqualTo(8);
        assertThat(Integer.parseInt(single("SELECT count(*) FROM platform.activities"))).isBetween(300, 2000);

        assertThat(rows("SELECT DISTINCT kind FROM platform.activities ORDER BY 1")).containsExactly(
                List.of("homework_submitted"), List.of("lesson_completed"), List.of("practice"),
                List.of("quiz_completed"));
        assertThat(single("""
                SELECT count(*) FROM platform.activities
                WHERE score < 0 OR score > 100 OR duration_seconds <= 0
                   OR (kind = 'lesson_completed' AND score IS NOT NULL)
                   OR (kind IN ('quiz_completed', 'homework_submitted') AND score IS NULL)""")).isEqualTo("0");
        assertThat(single("SELECT count(*) FROM platform.activities WHERE course_id IS NULL")).isNotEqualTo("0");
        // course-bound activity only in courses the learner is enrolled in, and not before enrolling
        assertThat(single("""
                SELECT count(*) FROM platform.activities a
                LEFT JOIN platform.enrollments e ON e.learner_id = a.learner_id AND e.course_id = a.course_id
                WHERE a.course_id IS NOT NULL AND (e.learner_id IS NULL OR a.occurred_at < e.enrolled_at)""")).isEqualTo("0");
        // within the learner's waking hours, in the learner's own time zone
        assertThat(single("""
                SELECT count(*) FROM platform.activities a JOIN platform.learners l ON l.id = a.learner_id
                WHERE extract(hour FROM a.occurred_at AT TIME ZONE l.timezone) NOT BETWEEN 9 AND 23""")).isEqualTo("0");
        assertThat(single("SELECT count(*) FROM platform.enrollments WHERE progress_percent NOT BETWEEN 0 AND 100"))
                .isEqualTo("0");
        assertThat(single("SELECT count(DISTINCT id) = count(*) FROM platform.activities")).isEqualTo("t");
    }

    @Test
    void theLearnersBehaveAsDocumented() throws SQLException {
        // Jasur: something on every one of the last 56 days in his time zone
        LocalDate tashkentToday = NOW.atZone(ZoneId.of("Asia/Tashkent")).toLocalDate();
        Set<String> jasurDays = new TreeSet<>();
        rows("""
                SELECT DISTINCT (occurred_at AT TIME ZONE 'Asia/Tashkent')::date::text
                FROM platform.activities WHERE learner_id = 'demo-jasur'""").forEach(r -> jasurDays.add(r.getFirst()));
        for (int daysAgo = 1; daysAgo <= DemoPlatformData.ACTIVITY_DAYS; daysAgo++) {
            assertThat(jasurDays).contains(tashkentToday.minusDays(daysAgo).toString());
        }
        // Sevara: busy before, nothing in the last seven days
        LocalDate samarkandToday = NOW.atZone(ZoneId.of("Asia/Samarkand")).toLocalDate();
        Instant weekAgo = samarkandToday.minusDays(7).atStartOfDay(ZoneId.of("Asia/Samarkand")).toInstant();
        assertThat(single("SELECT count(*) FROM platform.activities WHERE learner_id = 'demo-sevara' AND occurred_at >= ?",
                ts(weekAgo))).isEqualTo("0");
        assertThat(Integer.parseInt(single(
                "SELECT count(*) FROM platform.activities WHERE learner_id = 'demo-sevara'"))).isGreaterThan(30);
        // Ivan: inactive, and quiet for the last five weeks
        assertThat(single("SELECT active FROM platform.learners WHERE id = 'demo-ivan'")).isEqualTo("f");
        assertThat(single("SELECT count(*) FROM platform.activities WHERE learner_id = 'demo-ivan' AND occurred_at > ?",
                ts(NOW.minus(Duration.ofDays(35))))).isEqualTo("0");
        // a parent with two children, a child with two parents, more than one time zone
        assertThat(rows("""
                SELECT l.id FROM platform.guardians g JOIN platform.learners l ON l.id = g.learner_id
                WHERE g.email = 'aziza.karimova@example.com' ORDER BY l.id"""))
                .containsExactly(List.of("demo-jasur"), List.of("demo-malika"));
        assertThat(single("SELECT count(*) FROM platform.guardians WHERE learner_id = 'demo-jasur'")).isEqualTo("2");
        assertThat(rows("SELECT DISTINCT timezone FROM platform.learners ORDER BY 1")).containsExactly(
                List.of("Asia/Samarkand"), List.of("Asia/Tashkent"), List.of("Europe/Moscow"));
    }

    @Test
    void theDocumentedFamiliesAndCodesExist() throws SQLException, IOException {
        String docs = Files.readString(Path.of("..", "docs", "demo-data.md"));
        for (Family family : DemoPlatformData.FAMILIES) {
            for (Learner learner : family.learners()) {
                assertThat(rows("SELECT full_name, grade, timezone, active::text FROM platform.learners WHERE id = ?",
                        learner.id())).containsExactly(List.of(learner.fullName(), learner.grade(),
                        learner.timezone(), Boolean.toString(learner.active())));
                assertThat(docs).contains(learner.fullName());
                for (String email : family.guardianEmails()) {
                    assertThat(email).isLowerCase();
                    assertThat(single("SELECT count(*) FROM platform.guardians WHERE learner_id = ? AND email = ?",
                            learner.id(), email)).isEqualTo("1");
                    assertThat(docs).contains(email);
                }
                for (LinkCode code : learner.codes()) {
                    assertThat(docs).contains(code.code());
                    String state = single("""
                            SELECT CASE WHEN expires_at IS NULL THEN 'NEVER'
                                        WHEN expires_at > ? THEN 'VALID' ELSE 'EXPIRED' END
                            FROM platform.link_codes WHERE learner_id = ? AND code = ?""",
                            ts(NOW), learner.id(), code.code());
                    assertThat(CodeExpiry.valueOf(state)).as(code.code()).isEqualTo(code.expiry());
                }
            }
        }
        assertThat(DemoPlatformData.FAMILIES.stream().flatMap(f -> f.learners().stream())
                .flatMap(l -> l.codes().stream()).map(LinkCode::expiry))
                .contains(CodeExpiry.NEVER, CodeExpiry.EXPIRED, CodeExpiry.VALID);
        assertThat(single("SELECT count(*) FROM platform.link_codes WHERE code = '100200' AND expires_at < ?",
                ts(NOW))).isEqualTo("1");
    }

    @Test
    void aPooledConnectionComesBackAsItWasLent() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(DB.jdbcUrl());
        config.setUsername(DB.user());
        config.setPassword(DB.password());
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            String before;
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW search_path")) {
                rs.next();
                before = rs.getString(1);
            }
            DemoPlatformData.install(pool, "platform_pooled", SEED, NOW);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW search_path")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(before);
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }

    @Test
    void aSchemaNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> DemoPlatformData.install(DB.dataSource(), "platform; DROP TABLE x", SEED, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PLATFORM_SCHEMA");
    }

    private static Map<String, String> checksums(String schema) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : TABLES) {
            sums.put(table, single("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "
                    + schema + "." + table + " t"));
        }
        return sums;
    }

    private static Map<String, Long> counts(String schema) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, Long.parseLong(single("SELECT count(*) FROM " + schema + "." + table)));
        }
        return counts;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static String single(String sql, Object... parameters) throws SQLException {
        List<List<String>> rows = rows(sql, parameters);
        assertThat(rows).hasSize(1);
        return rows.getFirst().getFirst();
    }

    private static List<List<String>> rows(String sql, Object... parameters) throws SQLException {
        try (Connection c = DB.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
