package io.mentorium.runner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.demo.DemoPlatformData;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.application.config.Environment;
import io.mentorium.runner.scheduler.SchedulerMetrics.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.quartz.SchedulerException;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.junit.jupiter.api.Test;

/** The scheduler against a real PostgreSQL: the trigger command, a two-node cluster, health, metrics and shutdown. */
class SchedulerRuntimeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Map<String, String> environment(TestDatabase.Database database) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", "123456789:AAE_secretsecretsecretsecretsecret1");
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("DATABASE_POOL_SIZE", "8");
        env.put("SCHEDULER_HTTP_PORT", "0");
        env.put("HTTP_BIND", "127.0.0.1");
        return env;
    }

    private static SchedulerConfiguration configuration(TestDatabase.Database database) {
        return ((SchedulerConfiguration.Loaded.Valid) SchedulerConfiguration.load(
                new Environment(environment(database)))).configuration();
    }

    @Test
    void trigger_retention_purges_a_handled_update_older_than_the_window_and_exits_0() {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Map<String, String> env = environment(database);
        // First run migrates; the seeded rows then exist in the migrated schema.
        assertThat(trigger(env, "retention").exit).isZero();
        Jdbi jdbi = Jdbi.create(database.dataSource());
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO bot.inbox_updates (update_id, chat_id, payload, received_at, state, handled_at) VALUES
                  (1, 42, '{"type":"text","text":"old"}', now() - interval '3 days', 1, now() - interval '3 days'),
                  (2, 42, '{"type":"text","text":"new"}', now(), 1, now())
                """));

        Triggered triggered = trigger(env, "retention");

        assertThat(triggered.exit).as(triggered.err).isZero();
        assertThat(triggered.out).contains("retention: purged 1 handled update(s)");
        List<Long> left = jdbi.withHandle(h -> h.createQuery("SELECT update_id FROM bot.inbox_updates")
                .mapTo(Long.class).list());
        assertThat(left).containsExactly(2L);
        // The note that makes the bot's own retention timer stand down while schedulers purge.
        boolean noted = jdbi.withHandle(h -> h.createQuery(
                "SELECT finished_at > now() - interval '10 minutes' FROM bot.job_runs WHERE job = 'retention'")
                .mapTo(Boolean.class).one());
        assertThat(noted).as("the run is noted").isTrue();
    }

    @Test
    void trigger_of_the_notification_jobs_runs_their_use_cases_and_says_what_they_queued() {
        Map<String, String> env = environment(TestDatabase.freshDatabase());

        Triggered daily = trigger(env, "daily-notifications");
        assertThat(daily.exit).as(daily.err).isZero();
        assertThat(daily.out).contains("0 parent(s): 0 notification(s) queued", "the bot's relay delivers");
        Triggered reminders = trigger(env, "subscription-reminders");
        assertThat(reminders.exit).as(reminders.err).isZero();
        assertThat(reminders.out).contains("0 parent(s): 0 reminder(s) queued", "the bot's relay delivers");
    }

    @Test
    void trigger_of_the_report_jobs_runs_the_report_use_case_and_says_what_it_queued() {
        Map<String, String> env = environment(TestDatabase.freshDatabase());

        for (String job : List.of("weekly-reports", "monthly-reports")) {
            Triggered triggered = triggerDelivering(env, job);
            assertThat(triggered.exit).as(job + ": " + triggered.err).isZero();
            assertThat(triggered.out).as(job).contains("0 parent(s): 0 report(s) queued", job + ": delivered");
        }
    }

    @Test
    void a_triggered_weekly_run_queues_each_report_as_its_text_then_its_chart_and_keeps_what_it_said() {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Map<String, String> env = environment(database);
        assertThat(trigger(env, "retention").exit).isZero(); // migrates
        // Both runs at one instant: on the system clock a run could fall into the next week between the two.
        Clock frozen = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        DemoPlatformData.install(database.dataSource(), "platform", DemoPlatformData.DEFAULT_SEED, frozen.instant());
        Jdbi jdbi = Jdbi.create(database.dataSource());
        jdbi.useHandle(h -> h.execute("""
                INSERT INTO bot.parents (telegram_user_id, chat_id, language, role, enabled_notifications,
                                         report_kinds, registered_at)
                VALUES (7101, 7101, 'en', 'PARENT', ARRAY['SYSTEM'], ARRAY['WEEKLY', 'MONTHLY'], now());
                INSERT INTO bot.parent_learners (parent_id, learner_id, via_email, linked_at, link_order)
                VALUES (7101, 'demo-jasur', 'aziza.karimova@example.com', now(), 0);
                """));

        Triggered first = trigger(env, "weekly-reports", frozen);
        Triggered again = trigger(env, "weekly-reports", frozen);

        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).contains("1 parent(s): 1 report(s) queued");
        assertThat(again.out).contains("1 parent(s): 0 report(s) queued");
        List<Map<String, Object>> queued = jdbi.withHandle(h -> h.createQuery(
                "SELECT kind, payload::text AS payload FROM bot.outbox_messages ORDER BY id").mapToMap().list());
        assertThat(queued).extracting(row -> row.get("kind")).containsExactly("send_text", "send_chart");
        String chart = (String) queued.get(1).get("payload");
        assertThat(chart).contains("Jasur Karimov: minutes of study per day", "\"Mon\"", "\"Sun\"")
                .doesNotContain("png");
        assertThat(chart.length()).as("the chart travels as data").isLessThan(1_000);
        Map<String, Object> kept = jdbi.withHandle(h -> h.createQuery("""
                SELECT learner_name, report_text, figures->'metrics'->>'minutes' AS minutes
                  FROM bot.report_history WHERE parent_id = 7101""").mapToMap().one());
        assertThat(kept.get("learner_name")).isEqualTo("Jasur Karimov");
        assertThat((String) kept.get("report_text")).contains("Jasur Karimov").isEqualTo(
                jdbi.withHandle(h -> h.createQuery("SELECT CAST(payload AS jsonb)->>'text' FROM bot.outbox_messages"
                        + " WHERE kind = 'send_text'").mapTo(String.class).one()));
        assertThat(Integer.parseInt((String) kept.get("minutes"))).isNotNegative();
    }

    @Test
    void two_nodes_form_one_cluster_each_run_happens_once_health_answers_and_shutdown_is_clean() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        SchedulerConfiguration configuration = configuration(database);
        Jdbi jdbi = Jdbi.create(database.dataSource());
        try (SchedulerRuntime first = startHoldingTheCrons(configuration);
             SchedulerRuntime second = SchedulerRuntime.start(configuration, Clock.systemUTC())) {
            assertThat(first.quartz().getSchedulerInstanceId())
                    .isNotEqualTo(second.quartz().getSchedulerInstanceId());
            assertThat(first.quartz().getMetaData().isJobStoreClustered()).isTrue();
            awaitTrue("both nodes checked in", () -> count(jdbi, "SELECT count(*) FROM bot.qrtz_scheduler_state") == 2);
            assertThat(count(jdbi, "SELECT count(*) FROM bot.qrtz_cron_triggers")).isEqualTo(5);
            assertThat(count(jdbi, "SELECT count(*) FROM bot.qrtz_triggers WHERE trigger_state NOT LIKE 'PAUSED%'"))
                    .as("triggers the second node's start set going again").isZero();

            // A cron may still have fired between the first node's start and the pause (a slow start across the
            // hour): once no firing is under way, what ran so far is the baseline the triggered runs add to.
            List<SchedulerRuntime> nodes = List.of(first, second);
            awaitTrue("no firing under way", () -> count(jdbi, "SELECT count(*) FROM bot.qrtz_fired_triggers") == 0);
            long retentionBefore = runs(nodes, JobCatalog.RETENTION, Outcome.SUCCESS);
            long retentionFailedBefore = runs(nodes, JobCatalog.RETENTION, Outcome.FAILURE);
            long dailyBefore = runs(nodes, JobCatalog.DAILY_NOTIFICATIONS, Outcome.SUCCESS);
            first.quartz().triggerJob(first.jobKey(JobCatalog.RETENTION));
            first.quartz().triggerJob(first.jobKey(JobCatalog.DAILY_NOTIFICATIONS));

            awaitTrue("both runs done", () -> runs(nodes, JobCatalog.RETENTION, Outcome.SUCCESS) > retentionBefore
                    && runs(nodes, JobCatalog.DAILY_NOTIFICATIONS, Outcome.SUCCESS) > dailyBefore
                    // the one-shot triggers are gone once fired and completed: nothing is left to fire again
                    && count(jdbi, "SELECT count(*) FROM bot.qrtz_simple_triggers") == 0
                    && count(jdbi, "SELECT count(*) FROM bot.qrtz_fired_triggers") == 0);
            assertThat(runs(nodes, JobCatalog.RETENTION, Outcome.SUCCESS) - retentionBefore).isEqualTo(1);
            assertThat(runs(nodes, JobCatalog.RETENTION, Outcome.FAILURE) - retentionFailedBefore).isZero();
            assertThat(runs(nodes, JobCatalog.DAILY_NOTIFICATIONS, Outcome.SUCCESS) - dailyBefore).isEqualTo(1);

            for (SchedulerRuntime node : nodes) {
                assertThat(get(node, "/health/live").statusCode()).isEqualTo(200);
                HttpResponse<String> ready = get(node, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(ready.body()).contains("\"scheduler\":{\"status\":\"UP\"}",
                        "\"bot-database\":{\"status\":\"UP\"}");
                HttpResponse<String> metrics = get(node, "/metrics");
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).contains("mentorium_scheduler_job_runs_total",
                        "mentorium_scheduler_job_duration_seconds", "jvm_",
                        "mentorium_db_connections{pool=\"mentorium-bot\",state=\"active\"}");
                // Quartz and the jobs borrowed from the read-write pool, and HikariCP reported each borrow.
                assertThat(metrics.body())
                        .containsPattern("mentorium_db_connection_wait_seconds_count\\{pool=\"mentorium-bot\"} [1-9]");
            }
            String scraped = get(first, "/metrics").body() + get(second, "/metrics").body();
            assertThat(scrapedRuns(scraped, JobCatalog.RETENTION, Outcome.SUCCESS))
                    .as("retention runs on the two nodes' /metrics").isEqualTo(retentionBefore + 1.0);

            int port = first.httpPort();
            first.close();
            assertThat(first.quartz().isShutdown()).isTrue();
            assertThat(second.quartz().isShutdown()).isFalse();
            assertThat(refused(port)).isTrue();
            HttpResponse<String> stillReady = get(second, "/health/ready");
            assertThat(stillReady.statusCode()).as(stillReady.body()).isEqualTo(200);
        }
    }

    /**
     * Starts a node and holds its stored crons at once, so that only the runs a test triggers are counted: the
     * retention job is hourly, and a test running across the hour saw its run twice (once triggered, once at the
     * hour). A node started later finds the triggers stored and leaves them paused.
     */
    private static SchedulerRuntime startHoldingTheCrons(SchedulerConfiguration configuration) throws Exception {
        SchedulerRuntime node = SchedulerRuntime.start(configuration, Clock.systemUTC());
        try {
            for (TriggerKey cron : node.quartz().getTriggerKeys(GroupMatcher.anyTriggerGroup())) {
                node.quartz().pauseTrigger(cron);
            }
            return node;
        } catch (SchedulerException | RuntimeException failure) {
            node.close();
            throw failure;
        }
    }

    /** The job's runs with {@code outcome} as scraped, summed over the nodes' texts (each has the series). */
    private static double scrapedRuns(String scraped, String job, Outcome outcome) {
        Matcher series = Pattern.compile(Pattern.quote("mentorium_scheduler_job_runs_total{job=\"" + job
                + "\",outcome=\"" + outcome.label() + "\"} ") + "(\\S+)").matcher(scraped);
        double sum = 0;
        int found = 0;
        while (series.find()) {
            sum += Double.parseDouble(series.group(1));
            found++;
        }
        assertThat(found).as("%s %s series scraped", job, outcome).isEqualTo(2);
        return sum;
    }

    @Test
    void a_restarted_node_keeps_the_stored_triggers_and_a_changed_cron_replaces_them() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Jdbi jdbi = Jdbi.create(database.dataSource());
        String fireTime = "SELECT next_fire_time FROM bot.qrtz_triggers WHERE trigger_name = 'weekly-reports'";
        Long before;
        try (SchedulerRuntime node = SchedulerRuntime.start(configuration(database), Clock.systemUTC())) {
            before = one(jdbi, fireTime, Long.class);
        }
        Map<String, String> changed = environment(database);
        changed.put("WEEKLY_REPORT_CRON", "0 30 9 ? * MON");
        SchedulerConfiguration configuration = ((SchedulerConfiguration.Loaded.Valid) SchedulerConfiguration.load(
                new Environment(changed))).configuration();
        try (SchedulerRuntime node = SchedulerRuntime.start(configuration, Clock.systemUTC())) {
            assertThat(one(jdbi, "SELECT cron_expression FROM bot.qrtz_cron_triggers WHERE trigger_name = "
                    + "'weekly-reports'", String.class)).isEqualTo("0 30 9 ? * MON");
            assertThat(one(jdbi, fireTime, Long.class)).isNotEqualTo(before);
            // CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING for retention, FIRE_ONCE_NOW for the reports
            assertThat(one(jdbi, "SELECT misfire_instr FROM bot.qrtz_triggers WHERE trigger_name = 'retention'",
                    Integer.class)).isEqualTo(2);
            assertThat(one(jdbi, "SELECT misfire_instr FROM bot.qrtz_triggers WHERE trigger_name = 'weekly-reports'",
                    Integer.class)).isEqualTo(1);
        }
    }

    private record Triggered(int exit, String out, String err) {
    }

    /** Queued only: these tests read what the jobs queued; delivery has tests of its own (SchedulerDelivery*). */
    private static Triggered trigger(Map<String, String> env, String job) {
        return trigger(env, job, Clock.systemUTC());
    }

    private static Triggered trigger(Map<String, String> env, String job, Clock clock) {
        return run(env, clock, "trigger", job, MentoriumScheduler.QUEUE_ONLY);
    }

    /** With this process's own delivery (which has nothing to wait for where nothing is queued). */
    private static Triggered triggerDelivering(Map<String, String> env, String job) {
        return run(env, Clock.systemUTC(), "trigger", job);
    }

    private static Triggered run(Map<String, String> env, Clock clock, String... arguments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MentoriumScheduler.run(arguments, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clock);
        return new Triggered(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long runs(List<SchedulerRuntime> nodes, String job, Outcome outcome) {
        return nodes.stream().mapToLong(node -> node.metrics().runs(job, outcome)).sum();
    }

    private static <T> T one(Jdbi jdbi, String sql, Class<T> type) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private HttpResponse<String> get(SchedulerRuntime node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean refused(int port) throws Exception {
        try {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return false;
        } catch (ConnectException expected) {
            return true;
        }
    }

    /** Polls with a deadline instead of sleeping a fixed time. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
