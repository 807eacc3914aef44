package io.mentorium.runner.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.PurgeRetainedData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetentionTimerTest {

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

    private final AtomicInteger purges = new AtomicInteger();
    private final RecordingScheduler scheduler = new RecordingScheduler();

    @Test
    void purgesAtStartAndThenEveryHour() {
        try (RetentionTimer timer = new RetentionTimer(() -> {
            purges.incrementAndGet();
            return new PurgeRetainedData.Purged(0, 0, 0, 0, 0, 0, 0, List.of());
        }, scheduler)) {
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
        try (RetentionTimer timer = new RetentionTimer(() -> {
            purges.incrementAndGet();
            throw new IllegalStateException("the database is gone");
        }, scheduler)) {
            timer.start();
            Runnable task = scheduler.scheduled.getFirst().task();

            task.run();
            task.run();

            assertThat(purges).hasValue(2);
        }
    }
}
