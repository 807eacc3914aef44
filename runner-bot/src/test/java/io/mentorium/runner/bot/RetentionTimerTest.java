package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.adapters.persistence.Databases;
import io.mentorium.adapters.persistence.PersistenceSettings;
import io.mentorium.adapters.persistence.jdbi.JdbiEventLog;
import io.mentorium.adapters.persistence.jdbi.JdbiRetentionRuns;
import io.mentorium.application.config.Environment;
import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.out.EventLog;
import io.mentorium.application.port.out.RetentionRuns;
import io.mentorium.application.service.RetentionHandover;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTimerTest {

    private static final Instant NOW = Instant.parse("2026-11-18T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Records what is scheduled instead of running it; the test runs the task by hand. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {

        record Scheduled(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        }

        final List<Scheduled> scheduled = new ArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
            scheduled.add(new Scheduled(task, initialDelay, delay, unit));
            // Scheduled far away, so that it never actually runs: only the recorded task is run, by the test.
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }
    }

    /** No scheduler ever purged. */
    private static final RetentionRuns NO_SCHEDULER = new RetentionRuns() {
        @Override
        public void recordSchedulerPurge(Instant finishedAt) {
        }

        @Override
        public Optional<Instant> lastSchedulerPurge() {
            return Optional.empty();
        }
    };

    private final AtomicInteger purges = new AtomicInteger();
    private final RecordingScheduler scheduler = new RecordingScheduler();

    @Test
    void purgesAtStartAndThenEveryHour() {
        try (RetentionTimer timer = new RetentionTimer(new RetentionHandover(() -> {
            purges.incrementAndGet();
            return new PurgeRetainedData.Purged(0, 0, 0, 0, 0, 0, 0, List.of());
        }, NO_SCHEDULER, CLOCK), scheduler)) {
            timer.start();

            assertThat(scheduler.scheduled).singleElement().satisfies(scheduled -> {
                assertThat(scheduled.initialDelay()).isZero();
                assertThat(Duration.of(scheduled.delay(), scheduled.unit().toChronoUnit())).isEqualTo(Duration.ofHours(1));
            });
            scheduler.scheduled.getFirst().task().run();
            scheduler.scheduled.getFirst().task().run();
            assertThat(purges).hasValue(2);
        }
        assertThat(scheduler.isShutdown()).isTrue();
    }

    @Test
    void aFailingPurgeNeverEscapesTheTaskSoLaterRunsStillHappen() {
        try (RetentionTimer timer = new RetentionTimer(new RetentionHandover(() -> {
            purges.incrementAndGet();
            throw new IllegalStateException("the database is gone");
        }, NO_SCHEDULER, CLOCK), scheduler)) {
            timer.start();
            Runnable task = scheduler.scheduled.getFirst().task();

            task.run();
            task.run();

            assertThat(purges).hasValue(2);
        }
    }

    /**
     * The bot's real purge over the embedded database: an event older than the event log's retention is the row that
     * goes when no scheduler purges, and stays while a scheduler's retention job purged within the last two hours.
     */
    @Test
    void theBotsTimerPurgesWithoutASchedulerAndStandsDownWhileOnePurges(@TempDir Path dataDir) {
        Environment env = new Environment(Map.of("MENTORIUM_DATA_DIR", dataDir.toString()));
        BotConfiguration configuration = ((BotConfiguration.Loaded.Valid) BotConfiguration.load(env, false, "text"))
                .configuration();
        try (Databases databases = Databases.open(PersistenceSettings.from(env), false)) {
            databases.migrate(CLOCK);
            BotComponent bot = DaggerBotComponent.factory().create(configuration, databases, CLOCK,
                    PipelineTuning.telegram(25));
            EventLog events = new JdbiEventLog(databases.botJdbi());
            Instant longAgo = NOW.minus(Duration.ofDays(400));

            events.record(EventLog.Event.bySystem("retention.test", Map.of(), longAgo));
            try (RetentionTimer timer = new RetentionTimer(bot.retentionHandover(), scheduler)) {
                timer.start();
                scheduler.scheduled.getFirst().task().run();
            }
            assertThat(oldEvents(databases, longAgo)).as("no scheduler ever purged: the bot did").isZero();

            events.record(EventLog.Event.bySystem("retention.test", Map.of(), longAgo));
            new JdbiRetentionRuns(databases.botJdbi()).recordSchedulerPurge(NOW.minus(Duration.ofMinutes(90)));
            RecordingScheduler later = new RecordingScheduler();
            try (RetentionTimer timer = new RetentionTimer(bot.retentionHandover(), later)) {
                timer.start();
                later.scheduled.getFirst().task().run();
            }
            assertThat(oldEvents(databases, longAgo)).as("a scheduler purged 90 minutes ago: the bot stood down")
                    .isEqualTo(1);
        }
    }

    private static int oldEvents(Databases databases, Instant at) {
        return databases.botJdbi().withHandle(handle -> handle
                .createQuery("SELECT count(*) FROM bot.event_log WHERE occurred_at = :at")
                .bind("at", at).mapTo(Integer.class).one());
    }
}
