package io.mentorium.application.service;

import io.mentorium.application.port.in.PurgeRetainedData;
import io.mentorium.application.port.in.PurgeRetainedData.Purged;
import io.mentorium.application.port.out.RetentionRuns;
import io.mentorium.application.port.out.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who runs the retention purge: a scheduler's {@code retention} job when one runs, the bot's own timer otherwise. The
 * job notes each complete purge in the bot's database; the bot skips its round while the last such note is less than
 * {@link #STAND_DOWN_PERIODS} of its periods old, so one missed or failed scheduler run does not bring the bot back,
 * while a deployment whose schedulers stopped (or never ran) is purged by the bot again within two periods.
 *
 * <p>Anything that goes wrong with the note errs on the side of purging: both purges delete by age and are safe to run
 * twice, whereas a purge nobody runs keeps what parents typed longer than promised.
 */
public final class RetentionHandover {

    public static final int STAND_DOWN_PERIODS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(RetentionHandover.class);

    private final PurgeRetainedData purge;
    private final RetentionRuns runs;
    private final Clock clock;

    public RetentionHandover(PurgeRetainedData purge, RetentionRuns runs, Clock clock) {
        this.purge = Objects.requireNonNull(purge, "purge");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What one round of the bot's timer did. */
    public sealed interface BotRound {

        record Purged(PurgeRetainedData.Purged purged) implements BotRound {

            public Purged {
                Objects.requireNonNull(purged, "purged");
            }
        }

        /** A scheduler purged at {@code schedulerPurgedAt}, recently enough: nothing done. */
        record StoodDown(Instant schedulerPurgedAt) implements BotRound {

            public StoodDown {
                Objects.requireNonNull(schedulerPurgedAt, "schedulerPurgedAt");
            }
        }
    }

    /** The scheduler's job: purges, then notes the purge if every part of it succeeded. */
    public Purged purgeAsScheduler() {
        Purged purged = purge.purge();
        if (purged.complete()) {
            try {
                runs.recordSchedulerPurge(clock.instant());
            } catch (StorageException e) {
                // The bot keeps purging meanwhile; the next run notes it again.
                LOG.warn("Could not note the retention run, so the bot's timer keeps purging: {}", e.getMessage());
            }
        }
        return purged;
    }

    /** One round of the bot's timer, which fires every {@code period}. */
    public BotRound purgeUnlessSchedulerDid(Duration period) {
        Objects.requireNonNull(period, "period");
        Optional<Instant> last;
        try {
            last = runs.lastSchedulerPurge();
        } catch (StorageException e) {
            LOG.warn("Could not read the scheduler's last retention run; purging here: {}", e.getMessage());
            last = Optional.empty();
        }
        Instant now = clock.instant();
        if (last.isPresent() && last.get().isAfter(now.minus(period.multipliedBy(STAND_DOWN_PERIODS)))) {
            LOG.debug("A scheduler purged at {}; the bot's retention round stands down", last.get());
            return new BotRound.StoodDown(last.get());
        }
        return new BotRound.Purged(purge.purge());
    }
}
