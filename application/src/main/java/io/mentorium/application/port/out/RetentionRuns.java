package io.mentorium.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * When a scheduler's {@code retention} job last purged, kept in the bot's database so that the bot, which purges on a
 * timer of its own as long as no scheduler does, can tell that one is doing the work.
 */
public interface RetentionRuns {

    /** Notes a complete purge by a scheduler; an earlier instant than the one recorded changes nothing. */
    void recordSchedulerPurge(Instant finishedAt);

    /** The latest complete purge a scheduler recorded; empty when no scheduler ever did. */
    Optional<Instant> lastSchedulerPurge();
}
