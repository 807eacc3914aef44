package io.mentorium.adapters.persistence.demo;

import io.mentorium.adapters.persistence.liquibase.LiquibaseRunner;
import io.mentorium.adapters.persistence.liquibase.LiquibaseRunner.Changelog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo content for the platform relations of contract §4, used by the embedded default and by tests: a few families,
 * courses and about eight weeks of activity before a given instant, the same rows for the same seed and instant.
 *
 * <p>The families, e-mails and link codes ({@link #FAMILIES}) are fixed whatever the seed (docs/demo-data.md lists
 * them for newcomers); the seed drives the activity stream, the scores and the progress.
 *
 * <p>{@link #install} is idempotent by <em>truncate and refill</em>: every call replaces the six tables' content in
 * one transaction, so the activity always ends at the given {@code now} and the codes' expiry is always relative to
 * it (a valid code stays valid however long ago the demo was first installed). Ids are stable (learner and course ids
 * are fixed, activity ids are numbered in time order), so rows the bot keeps about learners stay meaningful.
 */
public final class DemoPlatformData {

    /** The Liquibase changelog creating the relations; its parameter {@code platformSchema} is the schema. */
    public static final String CHANGELOG = "db/platform-demo/changelog.xml";

    /** The seed the embedded default uses when nobody chooses one. */
    public static final long DEFAULT_SEED = 20_240_901L;

    /** Days of activity generated before {@code now}: eight full weeks, plus today up to {@code now}. */
    public static final int ACTIVITY_DAYS = 56;

    /** A {@link CodeExpiry#VALID} code expires this long after {@code now}. */
    public static final Duration VALID_CODE_LIFETIME = Duration.ofDays(30);

    /** An {@link CodeExpiry#EXPIRED} code expired this long before {@code now}. */
    public static final Duration EXPIRED_CODE_AGE = Duration.ofDays(3);

    /** How a demo link code's {@code expires_at} is set, relative to the {@code now} of {@link #install}. */
    public enum CodeExpiry {
        /** {@code expires_at} is null. */
        NEVER,
        /** Expires {@link #VALID_CODE_LIFETIME} after {@code now}. */
        VALID,
        /** Expired {@link #EXPIRED_CODE_AGE} before {@code now}: linking with it must fail. */
        EXPIRED
    }

    public record LinkCode(String code, CodeExpiry expiry) {
    }

    public record Learner(String id, String fullName, String grade, String timezone, boolean active,
                          List<LinkCode> codes) {
        public Learner {
            codes = List.copyOf(codes);
        }
    }

    /** Every guardian e-mail of a family is a guardian of each of its learners. */
    public record Family(String name, List<String> guardianEmails, List<Learner> learners) {
        public Family {
            guardianEmails = List.copyOf(guardianEmails);
            learners = List.copyOf(learners);
        }
    }

    public record Course(String id, String title, String subject) {
    }

    public static final List<Family> FAMILIES = List.of(
            new Family("Karimov",
                    List.of("aziza.karimova@example.com", "rustam.karimov@example.com"),
                    List.of(
                            new Learner("demo-jasur", "Jasur Karimov", "7", "Asia/Tashkent", true,
                                    List.of(new LinkCode("481516", CodeExpiry.NEVER))),
                            new Learner("demo-malika", "Malika Karimova", "4", "Asia/Tashkent", true,
                                    List.of(new LinkCode("230411", CodeExpiry.VALID))))),
            new Family("Yusupov",
                    List.of("dilnoza.yusupova@example.com"),
                    List.of(
                            new Learner("demo-timur", "Timur Yusupov", "9", "Asia/Samarkand", true,
                                    List.of(new LinkCode("735102", CodeExpiry.VALID))),
                            new Learner("demo-sevara", "Sevara Yusupova", "6", "Asia/Samarkand", true,
                                    List.of(new LinkCode("640927", CodeExpiry.VALID))))),
            new Family("Petrov",
                    List.of("olga.petrova@example.com"),
                    List.of(
                            new Learner("demo-anna", "Anna Petrova", "10", "Europe/Moscow", true,
                                    List.of(new LinkCode("512384", CodeExpiry.VALID))),
                            new Learner("demo-ivan", "Ivan Petrov", "11", "Europe/Moscow", false,
                                    List.of(new LinkCode("908172", CodeExpiry.VALID))))),
            new Family("Toshmatov",
                    List.of("bekzod.toshmatov@example.com"),
                    List.of(
                            new Learner("demo-nodira", "Nodira Toshmatova", "3", "Asia/Tashkent", true,
                                    List.of(new LinkCode("357246", CodeExpiry.VALID),
                                            new LinkCode("100200", CodeExpiry.EXPIRED))))));

    public static final List<Course> COURSES = List.of(
            new Course("demo-math", "Mathematics", "math"),
            new Course("demo-english", "English for school", "english"),
            new Course("demo-physics", "Physics: mechanics", "physics"),
            new Course("demo-uzbek", "Uzbek language", "uzbek"),
            new Course("demo-python", "Programming in Python", "programming"),
            new Course("demo-chemistry", "Chemistry basics", "chemistry"));

    private static final Logger LOG = LoggerFactory.getLogger(DemoPlatformData.class);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String CHANGELOG_TABLE = "platform_demo_changelog";
    private static final String CHANGELOG_LOCK_TABLE = "platform_demo_changelog_lock";

    private DemoPlatformData() {
    }

    /**
     * Creates the platform relations in {@code schema} (if missing) and replaces their content with the demo data.
     * Concurrent installs into the same schema (bot and scheduler starting together) are serialised.
     *
     * @throws DemoRefusedException when the schema holds relations an earlier install did not create; nothing is
     *                              written then
     *
     * @param schema PLATFORM_SCHEMA: lower-case letters, digits and underscores
     * @param seed   drives the activities, scores and progress; the same seed and {@code now} give the same rows
     * @param now    the activity ends before it; code expiry is relative to it
     */
    public static void install(DataSource dataSource, String schema, long seed, Instant now) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(now, "now");
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("PLATFORM_SCHEMA must be a lower-case SQL identifier, got: " + schema);
        }
        // timestamptz keeps microseconds: rounding here keeps "same input, same rows" exact.
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        DemoDataset dataset = DemoDataset.generate(seed, at);
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT pg_advisory_lock(hashtextextended('mentorium.platform-demo.' || ?, 0))")) {
                lock.setString(1, schema);
                lock.execute();
            }
            // Liquibase points the session's search_path at the schema; a pooled connection must not keep that.
            String searchPath = currentSearchPath(connection);
            try {
                refuseForeignSchema(connection, schema);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                }
                migrate(connection, schema);
                fill(connection, schema, dataset);
            } finally {
                connection.setAutoCommit(true);
                try (PreparedStatement restore = connection.prepareStatement(
                        "SELECT set_config('search_path', ?, false)")) {
                    restore.setString(1, searchPath);
                    restore.execute();
                }
                try (PreparedStatement unlock = connection.prepareStatement(
                        "SELECT pg_advisory_unlock(hashtextextended('mentorium.platform-demo.' || ?, 0))")) {
                    unlock.setString(1, schema);
                    unlock.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not install the demo platform data into schema " + schema, e);
        }
        LOG.info("Demo platform data installed in schema {}: {} learners, {} activities (seed {}, {} ms)", schema,
                dataset.learners().size(), dataset.activities().size(), seed,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * The install truncates six tables; it may do so only in a schema it created itself. A schema with relations but
     * without the demo's changelog history is somebody else's (most likely the real platform's, which by default
     * lives in the bot's database): it is left exactly as it is. Checked under the advisory lock, so two installs
     * starting together cannot both see an empty schema and then disagree.
     */
    private static void refuseForeignSchema(Connection connection, String schema) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT count(*) FILTER (WHERE c.relname = ?), count(*)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                """)) {
            query.setString(1, CHANGELOG_TABLE);
            query.setString(2, schema);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                boolean demoHistory = rs.getLong(1) > 0;
                long relations = rs.getLong(2);
                if (relations > 0 && !demoHistory) {
                    throw new DemoRefusedException("Demo data is refused: schema " + schema + " already holds "
                            + relations + " relation(s) the demo did not create, most likely a real platform's data. "
                            + "Point PLATFORM_SCHEMA at another schema for the demo, or drop --demo.");
                }
            }
        }
    }

    private static String currentSearchPath(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void migrate(Connection connection, String schema) {
        try {
            LiquibaseRunner.update(connection, new Changelog(CHANGELOG, schema, CHANGELOG_TABLE, CHANGELOG_LOCK_TABLE,
                    Map.of("platformSchema", schema)));
        } catch (Exception e) {
            throw new IllegalStateException("Could not apply " + CHANGELOG + " to schema " + schema, e);
        }
    }

    private static void fill(Connection connection, String schema, DemoDataset data) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE " + String.join(", ", List.of("activities", "enrollments", "link_codes",
                        "guardians", "courses", "learners").stream().map(t -> schema + "." + t).toList()));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                    + ".learners (id, full_name, grade, timezone, active) VALUES (?, ?, ?, ?, ?)")) {
                for (Learner learner : data.learners()) {
                    insert.setString(1, learner.id());
                    insert.setString(2, learner.fullName());
                    insert.setString(3, learner.grade());
                    insert.setString(4, learner.timezone());
                    insert.setBoolean(5, learner.active());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + schema + ".guardians (learner_id, email) VALUES (?, ?)")) {
                for (DemoDataset.Guardian guardian : data.guardians()) {
                    insert.setString(1, guardian.learnerId());
                    insert.setString(2, guardian.email());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + schema + ".link_codes (learner_id, code, expires_at) VALUES (?, ?, ?)")) {
                for (DemoDataset.Code code : data.codes()) {
                    insert.setString(1, code.learnerId());
                    insert.setString(2, code.code());
                    if (code.expiresAt() == null) {
                        insert.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        insert.setObject(3, utc(code.expiresAt()));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + schema + ".courses (id, title, subject) VALUES (?, ?, ?)")) {
                for (Course course : data.courses()) {
                    insert.setString(1, course.id());
                    insert.setString(2, course.title());
                    insert.setString(3, course.subject());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
                    + ".enrollments (learner_id, course_id, enrolled_at, progress_percent) VALUES (?, ?, ?, ?)")) {
                for (DemoDataset.Enrollment enrollment : data.enrollments()) {
                    insert.setString(1, enrollment.learnerId());
                    insert.setString(2, enrollment.courseId());
                    insert.setObject(3, utc(enrollment.enrolledAt()));
                    insert.setBigDecimal(4, enrollment.progressPercent());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema + ".activities "
                    + "(id, learner_id, course_id, kind, title, score, duration_seconds, occurred_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (DemoDataset.Activity activity : data.activities()) {
                    insert.setLong(1, activity.id());
                    insert.setString(2, activity.learnerId());
                    insert.setString(3, activity.courseId());
                    insert.setString(4, activity.kind());
                    insert.setString(5, activity.title());
                    insert.setBigDecimal(6, activity.score());
                    insert.setInt(7, activity.durationSeconds());
                    insert.setObject(8, utc(activity.occurredAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
