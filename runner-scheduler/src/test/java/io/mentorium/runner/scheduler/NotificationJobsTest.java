package io.mentorium.runner.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.openai.testing.OpenAiStandIn;
import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.JdbiFactory;
import io.mentorium.adapters.persistence.demo.DemoPlatformData;
import io.mentorium.adapters.persistence.jdbi.JdbiParentRepository;
import io.mentorium.adapters.persistence.jdbi.JdbiSubscriptionRepository;
import io.mentorium.adapters.persistence.testing.TestDatabase;
import io.mentorium.application.config.Environment;
import io.mentorium.application.conversation.CallbackData;
import io.mentorium.application.port.in.SendDailyNotifications;
import io.mentorium.domain.learner.LearnerId;
import io.mentorium.domain.parent.Parent;
import io.mentorium.domain.parent.ParentRole;
import io.mentorium.domain.shared.ChatId;
import io.mentorium.domain.shared.Email;
import io.mentorium.domain.shared.Language;
import io.mentorium.domain.shared.PaymentId;
import io.mentorium.domain.shared.TelegramUserId;
import io.mentorium.domain.subscription.Grant;
import io.mentorium.domain.subscription.Plan;
import io.mentorium.domain.subscription.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The notification jobs on a real PostgreSQL with the demo platform: what {@code trigger} queues in the outbox (which
 * the bot's relay delivers), exactly once under a re-run and under two schedulers running the use case at once.
 */
class NotificationJobsTest {

    /** Wednesday 2 December 2026, 18:00 in Tashkent: the daily run's time, outside the default quiet hours. */
    private static final Instant NOW = Instant.parse("2026-12-02T13:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Map<String, String> environment(TestDatabase.Database database) {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", "123456789:AAE_secretsecretsecretsecretsecret1");
        env.put("DATABASE_URL", database.jdbcUrl());
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("DATABASE_POOL_SIZE", "4");
        env.put("SCHEDULER_HTTP_PORT", "0");
        return env;
    }

    /** A migrated database with the demo platform and one parent per demo family, linked to all its children. */
    private static Jdbi demo(TestDatabase.Database database) {
        assertThat(trigger(environment(database), "retention").exit).isZero();
        DemoPlatformData.install(database.dataSource(), "platform", DemoPlatformData.DEFAULT_SEED, NOW);
        Jdbi jdbi = JdbiFactory.create(database.dataSource());
        JdbiParentRepository parents = new JdbiParentRepository(jdbi);
        long id = 100;
        for (DemoPlatformData.Family family : DemoPlatformData.FAMILIES) {
            id++;
            Parent parent = Parent.register(new TelegramUserId(id), new ChatId(id), Language.values()[(int) id % 3],
                    ParentRole.PARENT, NOW.minus(Duration.ofDays(30)));
            for (DemoPlatformData.Learner learner : family.learners()) {
                parent.link(new LearnerId(learner.id()), new Email(family.guardianEmails().getFirst()),
                        NOW.minus(Duration.ofDays(30)));
            }
            parents.save(parent);
        }
        return jdbi;
    }

    @Test
    void trigger_daily_notifications_queues_the_demo_families_notifications_once() {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Jdbi jdbi = demo(database);

        Triggered first = trigger(environment(database), "daily-notifications");

        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).contains("daily-notifications: 4 parent(s)", "the bot's relay delivers");
        long queued = count(jdbi, "SELECT count(*) FROM bot.outbox_messages WHERE state = 0");
        // Each of the six active demo children has at least the weekly tip; Ivan is deactivated on the platform.
        assertThat(queued).isGreaterThanOrEqualTo(6);
        assertThat(count(jdbi, "SELECT count(*) FROM bot.notification_history")).isEqualTo(queued);
        assertThat(count(jdbi, "SELECT count(*) FROM bot.notification_history WHERE kind = 'RECOMMENDATION'"))
                .isEqualTo(6);
        assertThat(count(jdbi, "SELECT count(*) FROM bot.notification_history WHERE learner_id = 'demo-ivan'"))
                .isZero();
        assertThat(first.out).contains(queued + " notification(s) queued");

        Triggered again = trigger(environment(database), "daily-notifications");

        assertThat(again.exit).as(again.err).isZero();
        assertThat(again.out).contains("0 notification(s) queued, " + queued + " queued earlier");
        assertThat(count(jdbi, "SELECT count(*) FROM bot.outbox_messages")).isEqualTo(queued);
    }

    @Test
    void with_a_model_configured_the_queued_weekly_tips_carry_the_models_text_and_a_rerun_asks_it_nothing()
            throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Jdbi jdbi = demo(database);
        String tip = "Fifteen minutes of reading after dinner on three days this week.";
        try (OpenAiStandIn model = OpenAiStandIn.start()) {
            model.respondWith(request -> OpenAiStandIn.Behaviour.text(tip));
            Map<String, String> env = environment(database);
            env.putAll(model.environment());
            SchedulerConfiguration configuration = ((SchedulerConfiguration.Loaded.Valid) SchedulerConfiguration.load(
                    new Environment(env))).configuration();
            List<AutoCloseable> opened = new ArrayList<>();
            String scraped;
            try {
                Databases databases = SchedulerRuntime.openAndMigrate(configuration, CLOCK, opened);
                SchedulerComponent graph = DaggerSchedulerComponent.factory().create(configuration, databases, CLOCK);
                opened.add(graph.openAiAssistant());
                graph.sendDailyNotifications().send(NOW);
                scraped = graph.metrics().scrape();
            } finally {
                SchedulerRuntime.closeAll(opened);
            }
            int asked = model.requestCount();
            Triggered again = trigger(env, "daily-notifications");

            assertThat(again.exit).as(again.err).isZero();
            // One tip for each of the six active demo children, each written by the model once, and counted.
            assertThat(asked).isEqualTo(6);
            assertThat(scraped).contains("ai_requests_total{outcome=\"ok\"} 6.0");
            assertThat(model.requestCount()).as("a re-run the same week asks the model nothing").isEqualTo(asked);
            assertThat(count(jdbi, "SELECT count(*) FROM bot.outbox_messages WHERE payload::text LIKE '%"
                    + tip + "%'")).isEqualTo(6);
            assertThat(model.requests()).allSatisfy(request -> assertThat(request.body().toString())
                    .doesNotContain("@", "demo-", "Karimov", "Yusupov", "Petrov", "Toshmatova"));
        }
    }

    @Test
    void trigger_subscription_reminders_queues_the_ending_subscription_with_the_subscribe_button_once() {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Jdbi jdbi = demo(database);
        // Parent 101 paid a month that ends in two days.
        Instant paidAt = NOW.plus(Duration.ofDays(2)).atZone(java.time.ZoneId.of("Asia/Tashkent")).minusMonths(1)
                .toInstant();
        new JdbiSubscriptionRepository(jdbi).save(Subscription.of(new TelegramUserId(101),
                List.of(new Grant(new PaymentId("demo-payment-1"), Plan.MONTH, paidAt))));

        Triggered first = trigger(environment(database), "subscription-reminders");
        Triggered again = trigger(environment(database), "subscription-reminders");

        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).contains("4 parent(s): 1 reminder(s) queued, 0 queued earlier");
        assertThat(again.out).contains("4 parent(s): 0 reminder(s) queued, 1 queued earlier");
        List<String> payloads = jdbi.withHandle(h -> h.createQuery(
                "SELECT payload::text FROM bot.outbox_messages WHERE chat_id = 101").mapTo(String.class).list());
        assertThat(payloads).singleElement().satisfies(payload -> assertThat(payload)
                .contains("\"data\":\"" + CallbackData.encode(new CallbackData.OpenSubscription()) + "\""));
        assertThat(count(jdbi, "SELECT count(*) FROM bot.notification_history WHERE key LIKE 'reminder:parent:ends-soon:%'"))
                .isEqualTo(1);
    }

    @Test
    void two_schedulers_running_the_daily_notifications_at_once_queue_each_one_exactly_once() throws Exception {
        TestDatabase.Database database = TestDatabase.freshDatabase();
        Jdbi jdbi = demo(database);
        SchedulerConfiguration configuration = ((SchedulerConfiguration.Loaded.Valid) SchedulerConfiguration.load(
                new Environment(environment(database)))).configuration();
        List<AutoCloseable> opened = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<SendDailyNotifications> nodes = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                Databases databases = SchedulerRuntime.openAndMigrate(configuration, CLOCK, opened);
                nodes.add(DaggerSchedulerComponent.factory().create(configuration, databases, CLOCK)
                        .sendDailyNotifications());
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<SendDailyNotifications.Run>> runs = new ArrayList<>();
            for (SendDailyNotifications node : nodes) {
                runs.add(threads.submit(() -> {
                    start.await();
                    return node.send(NOW);
                }));
            }
            start.countDown();
            SendDailyNotifications.Run a = runs.get(0).get();
            SendDailyNotifications.Run b = runs.get(1).get();

            long rows = count(jdbi, "SELECT count(*) FROM bot.outbox_messages");
            assertThat(rows).isGreaterThanOrEqualTo(6);
            assertThat(a.queued() + b.queued()).isEqualTo(rows);
            assertThat(a.alreadySent() + b.alreadySent()).isEqualTo(rows);
            assertThat(count(jdbi, "SELECT count(*) FROM bot.notification_history")).isEqualTo(rows);
            assertThat(count(jdbi, "SELECT count(*) FROM (SELECT chat_id, payload::text FROM bot.outbox_messages "
                    + "GROUP BY 1, 2 HAVING count(*) > 1) duplicates")).isZero();
        } finally {
            threads.shutdownNow();
            SchedulerRuntime.closeAll(opened);
        }
    }

    private record Triggered(int exit, String out, String err) {
    }

    private static Triggered trigger(Map<String, String> env, String job) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Queued only: the outbox rows are what these tests read (delivery has tests of its own).
        int exit = MentoriumScheduler.run(new String[] {"trigger", job, MentoriumScheduler.QUEUE_ONLY}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                CLOCK);
        return new Triggered(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
