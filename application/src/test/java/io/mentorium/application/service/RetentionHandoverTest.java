package io.mentorium.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.out.RetentionRuns;
import io.mentorium.application.port.out.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetentionHandoverTest {

    private static final Instant NOW = Instant.parse("2026-11-18T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final PurgeRetainedData.Purged COMPLETE =
            new PurgeRetainedData.Purged(1, 0, 0, 0, 0, 0, 0, List.of());

    private final AtomicInteger purges = new AtomicInteger();
    private final PurgeRetainedData purge = () -> {
        purges.incrementAndGet();
        return COMPLETE;
    };

    /** An in-memory note of the scheduler's runs. */
    private static final class Runs implements RetentionRuns {

        final List<Instant> recorded = new ArrayList<>();
        Optional<Instant> last = Optional.empty();
        boolean broken;

        @Override
        public void recordSchedulerPurge(Instant finishedAt) {
            if (broken) {
                throw new StorageException("down");
            }
            recorded.add(finishedAt);
        }

        @Override
        public Optional<Instant> lastSchedulerPurge() {
            if (broken) {
                throw new StorageException("down");
            }
            return last;
        }
    }

    private final Runs runs = new Runs();

    @Test
    void the_bot_purges_when_no_scheduler_ever_did() {
        var round = new RetentionHandover(purge, runs, CLOCK).purgeUnlessSchedulerDid(HOUR);

        assertThat(round).isEqualTo(new RetentionHandover.BotRound.Purged(COMPLETE));
        assertThat(purges).hasValue(1);
    }

    @Test
    void the_bot_stands_down_while_the_last_scheduler_purge_is_younger_than_two_periods() {
        Instant recent = NOW.minus(HOUR.multipliedBy(2)).plusSeconds(1);
        runs.last = Optional.of(recent);

        var round = new RetentionHandover(purge, runs, CLOCK).purgeUnlessSchedulerDid(HOUR);

        assertThat(round).isEqualTo(new RetentionHandover.BotRound.StoodDown(recent));
        assertThat(purges).hasValue(0);
    }

    @Test
    void the_bot_purges_again_once_the_scheduler_missed_two_periods() {
        runs.last = Optional.of(NOW.minus(HOUR.multipliedBy(2)));

        var round = new RetentionHandover(purge, runs, CLOCK).purgeUnlessSchedulerDid(HOUR);

        assertThat(round).isInstanceOf(RetentionHandover.BotRound.Purged.class);
        assertThat(purges).hasValue(1);
    }

    @Test
    void the_bot_purges_when_the_note_cannot_be_read() {
        runs.broken = true;

        assertThat(new RetentionHandover(purge, runs, CLOCK).purgeUnlessSchedulerDid(HOUR))
                .isInstanceOf(RetentionHandover.BotRound.Purged.class);
        assertThat(purges).hasValue(1);
    }

    @Test
    void the_scheduler_notes_a_complete_purge_only() {
        new RetentionHandover(purge, runs, CLOCK).purgeAsScheduler();
        PurgeRetainedData partial = () -> new PurgeRetainedData.Purged(0, 0, 0, 0, 0, 0, 0, List.of("outbox"));
        PurgeRetainedData.Purged failed = new RetentionHandover(partial, runs, CLOCK).purgeAsScheduler();

        assertThat(runs.recorded).containsExactly(NOW);
        assertThat(failed.complete()).isFalse();
    }

    @Test
    void the_scheduler_purge_survives_a_note_that_cannot_be_written() {
        runs.broken = true;

        assertThat(new RetentionHandover(purge, runs, CLOCK).purgeAsScheduler()).isEqualTo(COMPLETE);
        assertThat(purges).hasValue(1);
    }
}
