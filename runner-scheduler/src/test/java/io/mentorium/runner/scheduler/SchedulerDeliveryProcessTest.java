package io.mentorium.runner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.adapters.telegram.testing.Eventually;
import io.mentorium.application.config.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mentorium-scheduler trigger weekly-reports} as real processes with a bot token and no bot running: the
 * scheduler delivers what it queues, through the shared outbox, to the Bot API stand-in.
 */
class SchedulerDeliveryProcessTest {

    private static final int PARENTS = 120;
    private static final long FIRST_PARENT = 700_001;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir
    Path workDir;

    private static Map<String, String> environment(BotApiStandIn telegram, TestDatabase.Database database) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", BotApiStandIn.TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUri().toString());
        // Well above the default (25): 240 sends in about a second, not ten; the rate itself is SharedOutboxDeliveryTest's.
        env.put("TELEGRAM_MAX_SENDS_PER_SECOND", "200");
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("SCHEDULER_HTTP_PORT", "0");
        env.put("HTTP_BIND", "127.0.0.1");
        env.put("LOG_FORMAT", "text");
        env.put("LOG_LEVEL", "INFO");
        return env;
    }

    /** The demo platform, and {@value #PARENTS} registered, paying parents each linked to one of its learners. */
    private static Jdbi seeded(Map<String, String> env) {
        SchedulerConfiguration configuration = ((SchedulerConfiguration.Loaded.Valid) SchedulerConfiguration.load(
                new Environment(env))).configuration();
        try (Databases databases = Databases.open(configuration.persistence(), true)) {
            databases.migrate(Clock.systemUTC());
        }
        Jdbi jdbi = Jdbi.create(env.get("DATABASE_URL"), env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        jdbi.useHandle(handle -> {
            handle.execute("""
                    INSERT INTO bot.parents (telegram_user_id, chat_id, language, role, enabled_notifications,
                                             report_kinds, registered_at)
                    SELECT n, n, 'en', 'PARENT', ARRAY['SYSTEM'], ARRAY['WEEKLY', 'MONTHLY'], now()
                      FROM generate_series(?, ?) AS n
                    """, FIRST_PARENT, FIRST_PARENT + PARENTS - 1);
            handle.execute("""
                    INSERT INTO bot.parent_learners (parent_id, learner_id, via_email, linked_at, link_order)
                    SELECT p.telegram_user_id, l.ids[1 + p.telegram_user_id % array_length(l.ids, 1)],
                           'guardian@example.com', now(), 0
                      FROM bot.parents p, (SELECT array_agg(id ORDER BY id) AS ids FROM platform.learners WHERE active) l
                    """);
            // Scheduled reports are the paid feature: each parent paid for a year.
            handle.execute("""
                    INSERT INTO bot.subscription_grants (payment_id, parent_id, plan, paid_at)
                    SELECT 'test-' || telegram_user_id, telegram_user_id, 'YEAR', now() - interval '1 day'
                      FROM bot.parents
                    """);
        });
        return jdbi;
    }

    private Process trigger(Map<String, String> env, String name) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        // The quick compiler alone: a run of seconds spends less CPU without C2 (the suite runs on 2 cores).
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), MentoriumScheduler.class.getName(), "trigger",
                "weekly-reports")
                .redirectErrorStream(true).redirectOutput(workDir.resolve(name + ".log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private int awaitExit(Process process, String name) throws Exception {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not exit: " + tail(name));
        }
        return process.exitValue();
    }

    private String tail(String name) {
        try {
            String text = Files.readString(workDir.resolve(name + ".log"));
            return text.substring(Math.max(0, text.length() - 4_000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void assertEveryParentGotOneReport(BotApiStandIn telegram, Jdbi jdbi) {
        List<Long> counts = LongStream.range(FIRST_PARENT, FIRST_PARENT + PARENTS)
                .mapToObj(chat -> (long) telegram.sentMessages(chat).size()).toList();
        assertThat(counts).as("reports per parent").containsOnly(1L);
        List<Long> charts = LongStream.range(FIRST_PARENT, FIRST_PARENT + PARENTS)
                .mapToObj(chat -> (long) telegram.photos(chat).size()).toList();
        assertThat(charts).as("charts per parent").containsOnly(1L);
        // Each report is two rows: its text, then its chart.
        assertThat(count(jdbi, "SELECT count(*) FROM bot.outbox_messages WHERE state = 1")).isEqualTo(2L * PARENTS);
        assertThat(count(jdbi, "SELECT count(DISTINCT chat_id) FROM bot.outbox_messages WHERE kind = 'send_chart'"))
                .isEqualTo(PARENTS);
        assertThat(count(jdbi, "SELECT count(*) FROM bot.outbox_messages WHERE state <> 1")).isZero();
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void a_scheduler_killed_mid_run_and_started_again_delivers_every_report_exactly_once() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        try (BotApiStandIn telegram = BotApiStandIn.start()) {
            Map<String, String> env = environment(telegram, database);
            Jdbi jdbi = seeded(env);

            Process first = trigger(env, "first");
            Eventually.until("the first run sending", () -> {
                if (!first.isAlive()) {
                    throw new AssertionError("the first run ended before the kill: " + tail("first"));
                }
                return telegram.answeredCalls().size() >= 30;
            }, DEADLINE);
            // From here Telegram answers nothing: the sends in flight at the kill never reach a parent. What it
            // accepted is marked sent before the kill, so the crash window (sent, not yet marked) is closed on purpose.
            // Both kinds a report is sent as: its text and its chart.
            telegram.hold("sendMessage");
            telegram.hold("sendPhoto");
            // A send already past the hold check is still accepted: wait for it, or it could be accepted after the
            // check below, never marked before the kill, and sent a second time by the second run.
            telegram.awaitQuiet("sendMessage", DEADLINE);
            telegram.awaitQuiet("sendPhoto", DEADLINE);
            Eventually.until("every accepted send marked", () -> jdbi.withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM bot.outbox_messages WHERE state = 1").mapTo(Integer.class).one())
                    == telegram.answeredCalls().size(), DEADLINE);
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed, not finished").isNotZero();
            telegram.dropHeld();
            // The killed run's leases would run out after Outbox.DEFAULT_LEASE (30 s); they are moved into the past
            // here, as that much time passing would, so that the second run takes the rows over at once. (That
            // leases run out by the clock: JdbiOutboxClaimsTest.)
            int leased = jdbi.withHandle(handle -> handle.createUpdate("""
                    UPDATE bot.outbox_messages SET lease_until = now() - interval '1 second'
                     WHERE state = 0 AND claimed_by IS NOT NULL""").execute());
            assertThat(leased).as("rows the killed run held").isPositive();

            Process second = trigger(env, "second");
            assertThat(awaitExit(second, "second")).as(tail("second")).isZero();

            assertThat(tail("second")).contains("weekly-reports: delivered");
            assertEveryParentGotOneReport(telegram, jdbi);
        }
    }

    @Test
    void two_schedulers_triggering_the_weekly_reports_together_deliver_each_report_once() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        try (BotApiStandIn telegram = BotApiStandIn.start()) {
            Map<String, String> env = environment(telegram, database);
            Jdbi jdbi = seeded(env);

            Process one = trigger(env, "one");
            Process other = trigger(env, "other");

            assertThat(awaitExit(one, "one")).as(tail("one")).isZero();
            assertThat(awaitExit(other, "other")).as(tail("other")).isZero();
            assertThat(tail("one") + tail("other")).as("both queued and delivered").contains(PARENTS + " parent(s)",
                    "weekly-reports: delivered");
            assertEveryParentGotOneReport(telegram, jdbi);
        }
    }
}
