package io.mentorium.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The platform and bot data of the reports benchmark, generated inside PostgreSQL (one {@code INSERT … SELECT} per
 * table, so 100,000 learners with eight weeks of activity take seconds, not a client loop): learners in four time
 * zones, each with one or two courses and activity on about half of the days; parents with one or two children (every
 * tenth child also linked by a second parent, as when both parents use the bot), all with a paid year so the access
 * gate lets their reports through. The generator is seeded, so two runs compare the same data.
 *
 * <p>The platform tables are the demo changelog's ({@code migrate --demo} creates them); this only adds rows. Learner
 * ids start with {@code B-} and parent ids at {@link #FIRST_PARENT}, clear of the demo families.
 */
final class ReportsDataSet {

    static final long FIRST_PARENT = 50_000_000L;
    static final int WEEKS = 8;
    static final int COURSES = 24;

    private final int learners;
    private final int parents;

    /**
     * @param learners how many learners (the benchmark: 100,000)
     * @param parents  how many parents (the benchmark: 60,000); at least half the learners, at most all of them, so
     *                 that every parent has one or two children
     */
    ReportsDataSet(int learners, int parents) {
        if (learners < 2 || parents * 2 < learners || parents > learners) {
            throw new IllegalArgumentException("need learners/2 <= parents <= learners, got " + learners + " learners and "
                    + parents + " parents");
        }
        this.learners = learners;
        this.parents = parents;
    }

    int learners() {
        return learners;
    }

    int parents() {
        return parents;
    }

    /** Parents with two children: the first {@code twins} parents take learners 2p-1 and 2p. */
    private int parentsOfTwo() {
        return learners - parents;
    }

    /** Writes the platform's rows into {@code platformSchema} and the bot's into {@code bot}; returns the time taken. */
    Duration generate(Connection connection, String platformSchema) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            sql.execute("SELECT setseed(0.4242)");
            String p = '"' + platformSchema + '"';
            sql.execute("INSERT INTO " + p + ".courses (id, title, subject) "
                    + "SELECT 'BC-' || c, 'Course ' || c, (ARRAY['Mathematics','English','Physics','Chemistry',"
                    + "'Biology','History'])[1 + c % 6] FROM generate_series(1, " + COURSES + ") AS c");
            sql.execute("INSERT INTO " + p + ".learners (id, full_name, grade, timezone, active) "
                    + "SELECT 'B-' || n, (ARRAY['Aziz','Malika','Jasur','Dilnoza','Timur','Nilufar','Anna','Ivan'])"
                    + "[1 + n % 8] || ' Learner' || n, (5 + n % 7)::text, "
                    + "(ARRAY['Asia/Tashkent','Asia/Tashkent','Asia/Tashkent','Europe/Moscow','Asia/Almaty',"
                    + "'Europe/Berlin'])[1 + n % 6], true FROM generate_series(1, " + learners + ") AS n");
            sql.execute("INSERT INTO " + p + ".guardians (learner_id, email) "
                    + "SELECT 'B-' || n, 'parent' || " + parentOf("n") + " || '@bench.example' "
                    + "FROM generate_series(1, " + learners + ") AS n");
            sql.execute("INSERT INTO " + p + ".enrollments (learner_id, course_id, enrolled_at, progress_percent) "
                    + "SELECT 'B-' || n, 'BC-' || c, now() - interval '120 days', round((random() * 100)::numeric, 2) "
                    + "FROM generate_series(1, " + learners + ") AS n, "
                    + "LATERAL (SELECT DISTINCT unnest(ARRAY[1 + n % " + COURSES + ", 1 + (n * 7) % " + COURSES
                    + "]) AS c) AS courses");
            // One row per active learner-day (about 55 % of days), some days with a second activity.
            sql.execute("INSERT INTO " + p + ".activities (id, learner_id, course_id, kind, title, score, "
                    + "duration_seconds, occurred_at) "
                    + "SELECT 900000000 + row_number() OVER (), 'B-' || n, 'BC-' || (1 + (n + d) % " + COURSES + "), "
                    + "(ARRAY['lesson_completed','quiz_completed','homework_submitted','practice'])[1 + (n + d) % 4], "
                    + "'Activity ' || d, CASE WHEN (n + d) % 4 = 1 THEN round((40 + random() * 60)::numeric, 2) END, "
                    + "300 + (random() * 2400)::int, "
                    + "date_trunc('day', now()) - make_interval(days => d) + make_interval(hours => 8 + (n % 12)) "
                    + "FROM generate_series(1, " + learners + ") AS n, generate_series(0, " + (WEEKS * 7 - 1)
                    + ") AS d, generate_series(1, 2) AS k "
                    // A hash of the row, not random(): PostgreSQL would push a qualifier on k alone down to k's
                    // scan and decide all learner-days at once.
                    + "WHERE (hashint8((n::bigint * 100 + d) * 10 + k) & 1023) < CASE k WHEN 1 THEN 563 ELSE 154 END");
            sql.execute("INSERT INTO bot.parents (telegram_user_id, chat_id, language, role, enabled_notifications, "
                    + "report_kinds, registered_at) "
                    + "SELECT " + FIRST_PARENT + " + p, " + FIRST_PARENT + " + p, (ARRAY['ru','uz','en'])[1 + p % 3], "
                    + "'PARENT', ARRAY['ACHIEVEMENT','MISSED_DAYS','RECOMMENDATION','REMINDER','SYSTEM'], "
                    + "ARRAY['WEEKLY','MONTHLY'], now() - interval '90 days' FROM generate_series(1, " + parents
                    + ") AS p");
            sql.execute("INSERT INTO bot.parent_learners (parent_id, learner_id, via_email, linked_at, link_order) "
                    + "SELECT " + FIRST_PARENT + " + " + parentOf("n") + ", 'B-' || n, 'parent' || " + parentOf("n")
                    + " || '@bench.example', now() - interval '80 days', n % 2 "
                    + "FROM generate_series(1, " + learners + ") AS n");
            // Every tenth child is also followed by the next parent (as a second guardian), in a later link slot.
            sql.execute("INSERT INTO " + p + ".guardians (learner_id, email) "
                    + "SELECT 'B-' || n, 'parent' || (1 + " + parentOf("n") + " % " + parents + ") || '@bench.example' "
                    + "FROM generate_series(10, " + learners + ", 10) AS n ON CONFLICT DO NOTHING");
            sql.execute("INSERT INTO bot.parent_learners (parent_id, learner_id, via_email, linked_at, link_order) "
                    + "SELECT " + FIRST_PARENT + " + 1 + " + parentOf("n") + " % " + parents + ", 'B-' || n, "
                    + "'parent' || (1 + " + parentOf("n") + " % " + parents + ") || '@bench.example', "
                    + "now() - interval '70 days', 2 FROM generate_series(10, " + learners + ", 10) AS n "
                    + "ON CONFLICT DO NOTHING");
            sql.execute("INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at) "
                    + "SELECT 'bench-' || p, " + FIRST_PARENT + " + p, 'YEAR', now() - interval '30 days' "
                    + "FROM generate_series(1, " + parents + ") AS p");
            connection.commit();
            sql.execute("ANALYZE");
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The parent (1-based) of learner {@code n}: the first parents have two children, the rest one. */
    private String parentOf(String n) {
        int twins = parentsOfTwo();
        return "(CASE WHEN " + n + " <= " + (2 * twins) + " THEN (" + n + " + 1) / 2 ELSE " + n + " - " + twins
                + " END)";
    }
}
